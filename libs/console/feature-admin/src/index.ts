import './i18n';
export { settingsRoute } from './lib/settings.routes';
export { sectionRoles } from './lib/settings-sections';
export {
  DeleteDialog,
  FormFooter,
  QueryState,
  useFormState,
  type DeleteDialogProps,
  type DeleteMutation,
  type FormFooterProps,
  type QueryStateProps,
} from './lib/shared';
