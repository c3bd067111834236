export { ReportsPage } from './lib/ReportsPage';
