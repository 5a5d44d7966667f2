import { searchFeatures, searchLandscapeObjects, searchProjects, searchTasks } from './listSearch';

export { searchFeatures, searchLandscapeObjects, searchProjects, searchTasks };

/** The "From List" modes of the node's resource locators (their `searchListMethod` names). */
export const listSearch = { searchFeatures, searchLandscapeObjects, searchProjects, searchTasks };
