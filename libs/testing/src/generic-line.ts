import { randomUUID } from 'node:crypto';
import { Provider, SenderType } from '@backtalk/contracts';
import { genericSigned } from './carrier-webhooks';
import type { TestApp } from './test-app';

/** A mobile number no other test is likely to have texted from. */
export const randomUkrainianMobile = () => `+38050${String(1_000_000 + Math.floor(Math.random() * 8_999_999))}`;

/**
 * What ChannelsService.create takes for a generic-provider SMS line of `teamId` on a random US long code, its webhooks
 * signed with `secret`.
 */
export function genericLine(teamId: string, secret: string) {
  return {
    teamId,
    name: 'SMS line',
    provider: Provider.Generic,
    sender: `+1415555${String(1000 + Math.floor(Math.random() * 9000))}`,
    senderType: SenderType.LongCode,
    country: 'US',
    secrets: { signatureSecret: secret },
  };
}

/** A customer's text to `line` through its signed webhook, as the carrier sends it; fails unless it is accepted. */
export async function customerTextsLine(t: TestApp, line: { webhookUrl: string; sender: string }, secret: string, text: string, from = randomUkrainianMobile()): Promise<void> {
  const webhook = genericSigned(new URL(line.webhookUrl).pathname, { type: 'message', id: randomUUID(), from, to: line.sender, text, timestamp: new Date().toISOString() }, secret);
  const response = await t.deliver(webhook);
  if (response.status !== 200) throw new Error(`the webhook was answered ${response.status}: ${JSON.stringify(response.body)}`);
}
