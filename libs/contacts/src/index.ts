export * from './contacts.module';
export * from './contacts.service';
export * from './contact-search';
export * from './import/contact-csv';
export { ContactImportRunner } from './import/contact-import.runner';
export * from './data-rights.service';
