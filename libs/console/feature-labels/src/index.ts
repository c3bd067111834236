import './i18n';
export { labelColorName, sortedLabels } from './lib/label-colors';
export { LabelChip, LabelChips, type LabelChipProps, type LabelChipsProps } from './lib/LabelChip';
export { labelsSettingsRoutes } from './lib/labels.routes';
