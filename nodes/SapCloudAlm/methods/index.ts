import { searchBusinessProcesses, searchCustomProcesses, searchFeatures, searchLandscapeObjects, searchProjects, searchTasks } from './listSearch';

export { searchBusinessProcesses, searchCustomProcesses, searchFeatures, searchLandscapeObjects, searchProjects, searchTasks };

/** The "From List" modes of the node's resource locators (their `searchListMethod` names). */
export const listSearch = { searchBusinessProcesses, searchCustomProcesses, searchFeatures, searchLandscapeObjects, searchProjects, searchTasks };
