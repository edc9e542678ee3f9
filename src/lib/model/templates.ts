/**
 * Starter diagram templates: complete `faultline-backup` files in `templates/diagrams/`,
 * one case study each. The files are the source of truth (regenerate them with
 * `GENERATE_TEMPLATES=1 npx vitest run --project unit tests/unit/templates/generate.test.ts`);
 * this module only describes them. The UI loads a file's text lazily, e.g. with
 * `import.meta.glob('/templates/diagrams/*.json', { query: '?raw', import: 'default' })`
 * keyed by `templatePath(entry)`, and hands it to `parseBackup` and the repository's
 * `importBundle` (which gives every record a fresh id, so a template can be used twice).
 */
import type { CaseStudyBundle } from './types';

export interface TemplateFile {
  /** Stable id, the file name without `.json`. */
  id: string;
  /** File name inside `templates/diagrams/`. */
  file: string;
  /** Also the case study's title inside the file. */
  title: string;
  /** One or two sentences for the "new from template" picker. */
  description: string;
}

/** Folder of the template files, as Vite's `import.meta.glob` keys name it. */
export const TEMPLATE_DIR = '/templates/diagrams/';

export const TEMPLATE_FILES: readonly TemplateFile[] = [
  {
    id: 'web-app-cache-read-replica',
    file: 'web-app-cache-read-replica.json',
    title: 'Web app with cache and read replica',
    description:
      'Browser → CDN → load balancer → API in two availability zones, Redis cache-aside in front of ' +
      'PostgreSQL with a read replica; falls back to the database when the cache is down and to the ' +
      'primary when the replica lags.',
  },
  {
    id: 'order-processing-queue-dlq',
    file: 'order-processing-queue-dlq.json',
    title: 'Order processing with queue, workers, retry and DLQ',
    description:
      'An API accepts orders onto an SQS queue; a bulkheaded worker pool writes them to PostgreSQL and ' +
      'sends e-mail with retries, backoff and jitter; poison messages go to a dead letter queue that ' +
      'pages on-call and can be re-driven.',
  },
  {
    id: 'payment-checkout-circuit-breaker',
    file: 'payment-checkout-circuit-breaker.json',
    title: 'Payment checkout',
    description:
      'Checkout calls Stripe behind a timeout and a circuit breaker with idempotency keys; when the ' +
      'breaker is open, payments are queued for later capture. Signed provider webhooks reach an ' +
      'idempotent handler with its own dead letter queue.',
  },
  {
    id: 'event-streaming-pipeline',
    file: 'event-streaming-pipeline.json',
    title: 'Event streaming pipeline',
    description:
      'Producers publish to Kafka; consumers run as one bulkhead per availability zone, retry with ' +
      'backoff, dead-letter poison events to a DLQ topic, and sink to S3 and OpenSearch.',
  },
];

/** The `import.meta.glob` key of a template file, e.g. `/templates/diagrams/event-streaming-pipeline.json`. */
export function templatePath(entry: Pick<TemplateFile, 'file'>): string {
  return `${TEMPLATE_DIR}${entry.file}`;
}

export interface TemplateSummary {
  components: number;
  connections: number;
  /** Connections drawn as failure paths. */
  failurePaths: number;
  boundaries: number;
}

/** Counts shown on a template card ("12 components · 3 failure paths"). */
export function templateSummary(bundle: CaseStudyBundle): TemplateSummary {
  return {
    components: bundle.components.length,
    connections: bundle.connections.length,
    failurePaths: bundle.connections.filter((c) => c.failurePath).length,
    boundaries: bundle.boundaries.length,
  };
}
