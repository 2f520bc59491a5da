/**
 * src/manifest/docs: what the field docs add to the schema's descriptions: which component
 * acts on a field and at which walkthrough stage (componentsFor), who owns a kind
 * (kindOwner). Pure data and lookups: imports nothing outside this folder.
 */
export { componentsFor, kindOwner, podSpecPath } from './components';
export { actorLabel, type FieldActors } from './actors';
