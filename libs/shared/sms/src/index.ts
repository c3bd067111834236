export { analyseSms, type AnalyseSmsOptions, type SmsAnalysis, type SmsEncoding } from './lib/analyse-sms';
export { smartEncode } from './lib/smart-encoding';
export { isGsm7Text } from './lib/gsm7';
export { firstName, type RenderedTemplate, renderTemplate, type TemplateValues } from './lib/template';
export { LENGTH_WARNING_FRACTION, lengthCheck, type LengthCheck, MAX_MESSAGE_LENGTH, messageLength } from './lib/message-length';
