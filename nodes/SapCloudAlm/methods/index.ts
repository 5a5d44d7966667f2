import { searchFeatures, searchProjects, searchTasks } from './listSearch';

export { searchFeatures, searchProjects, searchTasks };

/** The "From List" modes of the node's resource locators (their `searchListMethod` names). */
export const listSearch = { searchFeatures, searchProjects, searchTasks };
