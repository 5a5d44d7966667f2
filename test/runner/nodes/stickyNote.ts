/**
 * Stand-in for n8n's Sticky Note (`n8n-nodes-base.stickyNote`): a canvas note with no inputs or
 * outputs, which n8n never executes. The example workflows carry notes, as n8n's templates do, and
 * a workflow must load in the runner with them, as it does in n8n.
 */
import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

// a canvas note is not a tool (n8n's own Sticky Note is not usable as one)
// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool
class StickyNoteStandIn implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sticky Note',
		name: 'stickyNote',
		icon: 'fa:sticky-note',
		group: ['input'],
		version: 1,
		description: 'Make your workflow easier to understand',
		defaults: { name: 'Sticky Note' },
		inputs: [],
		outputs: [],
		properties: [
			{ displayName: 'Content', name: 'content', type: 'string', default: '' },
			{ displayName: 'Height', name: 'height', type: 'number', required: true, default: 160 },
			{ displayName: 'Width', name: 'width', type: 'number', required: true, default: 240 },
			{ displayName: 'Color', name: 'color', type: 'number', required: true, default: 1 },
		],
	};
}

export const stickyNoteNode = new StickyNoteStandIn();
