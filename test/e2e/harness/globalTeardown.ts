/** Removes this run's packed package (see buildAndPack). */
import { removePacked } from '../../../scripts/n8n/package';

export default function globalTeardown(): void {
	removePacked();
}
