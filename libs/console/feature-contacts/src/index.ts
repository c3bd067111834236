export { ContactsArea } from './lib/ContactsArea';
