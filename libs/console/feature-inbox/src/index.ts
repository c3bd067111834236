import './i18n';
export { inboxRoute } from './lib/inbox.routes';
export { InboxEffects } from './lib/alerts/InboxEffects';
export { TakeNextButton } from './lib/routing/TakeNextButton';
export { analyseReply, formatCost, type ComposerAnalysis } from './lib/composer/composer-analysis';
export { containsText, previewLine } from './lib/composer/canned-answers';
export { ContactAnswerLanguage, LanguageBadges, LanguageSelect } from './lib/answer-language/AnswerLanguage';
export { LANGUAGE_AUTONYMS } from './lib/answer-language/answer-language';
