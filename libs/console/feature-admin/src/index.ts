export { settingsRoute } from './lib/settings.routes';
export { sectionRoles } from './lib/settings-sections';
export { QueryState, useFormState, type QueryStateProps } from './lib/shared';
