import { type ChannelConfirmations, type ChannelKeywords, Provider } from '@backtalk/contracts';

/**
 * The CTIA keyword sets plus Ukrainian and Russian equivalents. Matching is on the whole message, so "STOP" opts out
 * and "stop sending me the promo" does not.
 */
export const DEFAULT_KEYWORDS: ChannelKeywords = {
  optOut: ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT', 'СТОП', 'ВІДПИСАТИСЯ', 'ОТПИСАТЬСЯ'],
  optIn: ['START', 'YES', 'UNSTOP', 'СТАРТ', 'ПОЧАТИ', 'СТАРТУВАТИ'],
  help: ['HELP', 'INFO', 'ДОПОМОГА', 'ДОВІДКА', 'ПОМОЩЬ'],
};

/**
 * Twilio answers STOP, START and HELP itself by default, so a second confirmation from us would be a duplicate.
 * Everywhere else the helpdesk must answer.
 */
export function defaultConfirmations(provider: Provider): ChannelConfirmations {
  if (provider === Provider.Twilio) return { optOut: null, optIn: null, help: false };
  return {
    optOut: 'You have been unsubscribed and will receive no more messages. Reply START to subscribe again.',
    optIn: 'You are subscribed again. Reply STOP to unsubscribe, HELP for help.',
    help: true,
  };
}
