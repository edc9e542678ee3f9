/**
 * The component and boundary catalogue: what each kind is called, how it looks and how it
 * exports. `icon` names a Lucide icon (the UI maps names to components); `mermaidShape`
 * names one of Mermaid's classic flowchart shapes (see MERMAID_SHAPES).
 */
import type { BoundaryKind, ComponentKind, ConnectionMode } from './types';

export const COMPONENT_CATEGORIES = ['Clients & edge', 'Compute', 'Data', 'Messaging', 'External'] as const;
export type ComponentCategory = (typeof COMPONENT_CATEGORIES)[number];

/** Mermaid's classic flowchart node shapes, with the brackets that open and close each. */
export const MERMAID_SHAPES = {
  rect: ['[', ']'],
  round: ['(', ')'],
  stadium: ['([', '])'],
  subroutine: ['[[', ']]'],
  cylinder: ['[(', ')]'],
  circle: ['((', '))'],
  asymmetric: ['>', ']'],
  rhombus: ['{', '}'],
  hexagon: ['{{', '}}'],
  parallelogram: ['[/', '/]'],
  'parallelogram-alt': ['[\\', '\\]'],
  trapezoid: ['[/', '\\]'],
  'trapezoid-alt': ['[\\', '/]'],
} as const;
export type MermaidShape = keyof typeof MERMAID_SHAPES;

export interface ComponentKindInfo {
  kind: ComponentKind;
  label: string;
  /** What it is, shown as the palette item's description. */
  description: string;
  icon: string;
  category: ComponentCategory;
  mermaidShape: MermaidShape;
  /** Outside the system being described (drawn with an "external" mark). */
  external: boolean;
  /** Part of the failure path by nature (dead letter queue). */
  failureSink: boolean;
  /** Words that identify it in free text (used by importers and search). */
  keywords: string[];
}

export const COMPONENT_CATALOGUE: Record<ComponentKind, ComponentKindInfo> = {
  client: {
    kind: 'client',
    label: 'Client',
    description: 'A person, browser, mobile app or device that starts requests',
    icon: 'monitor-smartphone',
    category: 'Clients & edge',
    mermaidShape: 'stadium',
    external: false,
    failureSink: false,
    keywords: ['client', 'user', 'browser', 'mobile', 'app', 'device', 'frontend'],
  },
  cdn: {
    kind: 'cdn',
    label: 'CDN',
    description: 'Content delivery network caching responses at the edge',
    icon: 'globe',
    category: 'Clients & edge',
    mermaidShape: 'hexagon',
    external: false,
    failureSink: false,
    keywords: ['cdn', 'cloudfront', 'fastly', 'akamai', 'edge'],
  },
  'load-balancer': {
    kind: 'load-balancer',
    label: 'Load balancer',
    description: 'Spreads traffic across instances and drops unhealthy ones',
    icon: 'split',
    category: 'Clients & edge',
    mermaidShape: 'trapezoid',
    external: false,
    failureSink: false,
    keywords: ['load balancer', 'lb', 'alb', 'elb', 'nlb', 'haproxy', 'nginx'],
  },
  'api-gateway': {
    kind: 'api-gateway',
    label: 'API gateway',
    description: 'Single entry point: routing, auth, rate limiting',
    icon: 'door-open',
    category: 'Clients & edge',
    mermaidShape: 'hexagon',
    external: false,
    failureSink: false,
    keywords: ['api gateway', 'gateway', 'kong', 'apigee', 'envoy'],
  },
  'identity-provider': {
    kind: 'identity-provider',
    label: 'Identity provider',
    description: 'Authenticates users and issues tokens',
    icon: 'key-round',
    category: 'Clients & edge',
    mermaidShape: 'trapezoid-alt',
    external: false,
    failureSink: false,
    keywords: ['identity', 'idp', 'auth', 'oauth', 'oidc', 'keycloak', 'auth0', 'cognito', 'okta'],
  },
  service: {
    kind: 'service',
    label: 'Service',
    description: 'A deployable service or API',
    icon: 'box',
    category: 'Compute',
    mermaidShape: 'rect',
    external: false,
    failureSink: false,
    keywords: ['service', 'api', 'server', 'backend', 'app'],
  },
  worker: {
    kind: 'worker',
    label: 'Worker',
    description: 'Background process consuming jobs or messages',
    icon: 'cog',
    category: 'Compute',
    mermaidShape: 'subroutine',
    external: false,
    failureSink: false,
    keywords: ['worker', 'consumer', 'job', 'processor', 'daemon'],
  },
  function: {
    kind: 'function',
    label: 'Serverless function',
    description: 'A function run on demand (Lambda, Cloud Functions)',
    icon: 'square-function',
    category: 'Compute',
    mermaidShape: 'round',
    external: false,
    failureSink: false,
    keywords: ['lambda', 'function', 'serverless', 'cloud function', 'azure function'],
  },
  database: {
    kind: 'database',
    label: 'Database',
    description: 'Durable store of record',
    icon: 'database',
    category: 'Data',
    mermaidShape: 'cylinder',
    external: false,
    failureSink: false,
    keywords: ['database', 'db', 'postgres', 'postgresql', 'mysql', 'mongodb', 'dynamodb', 'sql'],
  },
  cache: {
    kind: 'cache',
    label: 'Cache',
    description: 'Fast, lossy copy of data in memory',
    icon: 'memory-stick',
    category: 'Data',
    mermaidShape: 'parallelogram',
    external: false,
    failureSink: false,
    keywords: ['cache', 'redis', 'memcached', 'valkey'],
  },
  'object-storage': {
    kind: 'object-storage',
    label: 'Object storage',
    description: 'Blobs and files (S3, GCS, Azure Blob)',
    icon: 'archive',
    category: 'Data',
    mermaidShape: 'trapezoid-alt',
    external: false,
    failureSink: false,
    keywords: ['s3', 'object storage', 'bucket', 'blob', 'gcs'],
  },
  'search-index': {
    kind: 'search-index',
    label: 'Search index',
    description: 'Full-text or vector search index',
    icon: 'search',
    category: 'Data',
    mermaidShape: 'parallelogram-alt',
    external: false,
    failureSink: false,
    keywords: ['search', 'elasticsearch', 'opensearch', 'solr', 'algolia', 'index'],
  },
  queue: {
    kind: 'queue',
    label: 'Queue',
    description: 'Work queue: each message handled once',
    icon: 'inbox',
    category: 'Messaging',
    mermaidShape: 'asymmetric',
    external: false,
    failureSink: false,
    keywords: ['queue', 'sqs', 'rabbitmq', 'amqp', 'activemq'],
  },
  stream: {
    kind: 'stream',
    label: 'Stream / topic',
    description: 'Ordered, replayable log of events',
    icon: 'activity',
    category: 'Messaging',
    mermaidShape: 'asymmetric',
    external: false,
    failureSink: false,
    keywords: ['stream', 'topic', 'kafka', 'kinesis', 'pubsub', 'event bus', 'nats'],
  },
  'dead-letter-queue': {
    kind: 'dead-letter-queue',
    label: 'Dead letter queue',
    description: 'Where messages that keep failing end up',
    icon: 'triangle-alert',
    category: 'Messaging',
    mermaidShape: 'asymmetric',
    external: false,
    failureSink: true,
    keywords: ['dlq', 'dead letter', 'dead-letter', 'poison'],
  },
  'external-service': {
    kind: 'external-service',
    label: 'External service',
    description: 'A third party outside the system (payments, email)',
    icon: 'cloud',
    category: 'External',
    mermaidShape: 'subroutine',
    external: true,
    failureSink: false,
    keywords: ['external', 'third party', 'stripe', 'twilio', 'sendgrid', 'paypal', 'provider'],
  },
};

export interface BoundaryKindInfo {
  kind: BoundaryKind;
  label: string;
  description: string;
  icon: string;
  /** Outline style; colour always comes with one of these second cues. */
  outline: 'solid' | 'dashed' | 'dotted' | 'double';
}

export const BOUNDARY_CATALOGUE: Record<BoundaryKind, BoundaryKindInfo> = {
  region: {
    kind: 'region',
    label: 'Region',
    description: 'A cloud region; a light filled area',
    icon: 'earth',
    outline: 'solid',
  },
  'availability-zone': {
    kind: 'availability-zone',
    label: 'Availability zone',
    description: 'An independent data centre within a region',
    icon: 'building',
    outline: 'dashed',
  },
  'trust-boundary': {
    kind: 'trust-boundary',
    label: 'Trust boundary',
    description: 'Where data crosses between trust levels',
    icon: 'shield-alert',
    outline: 'dotted',
  },
  'failure-domain': {
    kind: 'failure-domain',
    label: 'Failure domain / bulkhead',
    description: 'Failures inside stay inside',
    icon: 'brick-wall',
    outline: 'double',
  },
  'bounded-context': {
    kind: 'bounded-context',
    label: 'Bounded context',
    description: 'A domain model boundary owned by one team',
    icon: 'layers',
    outline: 'solid',
  },
  vpc: {
    kind: 'vpc',
    label: 'VPC / network',
    description: 'A private network segment',
    icon: 'network',
    outline: 'dashed',
  },
};

export const CONNECTION_MODE_INFO: Record<ConnectionMode, { label: string; description: string }> = {
  sync: { label: 'Sync request', description: 'Caller waits for the answer (solid line)' },
  async: { label: 'Async message', description: 'Fire and forget through a broker (dashed line)' },
  stream: { label: 'Stream', description: 'Continuous flow of events (thick animated line)' },
};

/** A category's short name for CSS classes (`cat-clients`, `cat-data`…): its first word, lower case. */
export function categorySlug(category: ComponentCategory): string {
  return category.split(' ')[0]!.toLowerCase();
}

export function componentKindsByCategory(): { category: ComponentCategory; kinds: ComponentKindInfo[] }[] {
  return COMPONENT_CATEGORIES.map((category) => ({
    category,
    kinds: Object.values(COMPONENT_CATALOGUE).filter((k) => k.category === category),
  }));
}
