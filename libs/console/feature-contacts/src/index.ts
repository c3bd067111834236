import './i18n';
export { ContactsArea } from './lib/ContactsArea';
