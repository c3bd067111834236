export { analyseSms, type AnalyseSmsOptions, type SmsAnalysis, type SmsEncoding } from './lib/analyse-sms';
export { smartEncode } from './lib/smart-encoding';
export { isGsm7Text } from './lib/gsm7';
export { firstName, type RenderedTemplate, renderTemplate, type TemplateValues } from './lib/template';
