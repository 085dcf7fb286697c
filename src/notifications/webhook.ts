import type { WebhookEventType } from '../domain/webhooks';

/** A team's webhook as the API shows it: never its secret. */
export interface Webhook {
  id: string;
  team: string;
  url: string;
  events: WebhookEventType[];
  /** Null: every set of the team. */
  sets: string[] | null;
  createdAt: Date;
}

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed';

/** One attempt to send a delivery. */
export interface DeliveryAttempt {
  attempt: number;
  startedAt: Date;
  durationMs: number;
  /** Null when no response arrived (timeout, refused, closed). */
  statusCode: number | null;
  error: string | null;
  succeeded: boolean;
}

/** One message to one webhook, with every attempt so far. */
export interface Delivery {
  id: string;
  webhookId: string;
  type: WebhookEventType;
  set: string;
  status: DeliveryStatus;
  attempts: number;
  /** When the next attempt is due; null once succeeded or failed. */
  nextAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastError: string | null;
  lastDurationMs: number | null;
  createdAt: Date;
  completedAt: Date | null;
  attemptLog: DeliveryAttempt[];
}

/** The Standard Webhooks message id (`webhook-id`) of a delivery: the same on every attempt. */
export function messageIdOf(deliveryId: string): string {
  return `msg_${deliveryId.replace(/-/g, '')}`;
}
