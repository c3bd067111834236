import './i18n';

export { ReportsPage } from './lib/ReportsPage';
