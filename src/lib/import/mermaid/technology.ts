/**
 * Recognising well-known technologies and roles in a label ("Orders DB (PostgreSQL 15)",
 * "Kafka consumer", "Redis") to choose a component kind and fill `technology`.
 *
 * Rules are data (TECHNOLOGY_RULES). Matching is case-insensitive on whole words; camelCase and
 * snake_case identifiers are split into words first ("KafkaExporter", "orders_db"), and a
 * version may follow a product name directly ("Redis7", "PostgreSQL 15").
 *
 * Only the name counts: the first line of the label (with following lines of one or two words,
 * which usually continue it) and text in parentheses; longer lines describe the component.
 * Which match decides, when a label has several: the head noun, i.e. the right-most match
 * ("Kafka consumer" is a worker, "Job queue" a queue, "User DB" a database), looking first at
 * the text outside parentheses ("Orders service (PostgreSQL)" is not a database) and only then
 * inside them. Neutral words (service, server, API, backend, app, proxy) are heads too: after
 * one, only products, category words and adjectives count ("Redis server" is a cache, "User
 * service" is not a client, "External API" is an external service).
 *
 * Rules are `strong` (products and category words, which beat the node's shape) or `weak`
 * (role words such as user, worker, external, which only refine a generic shape).
 */
import type { ComponentKind } from '../../model/types';

export type RuleStrength = 'strong' | 'weak';

export interface TechnologyRule {
  kind: ComponentKind;
  /** Canonical spelling of the product ("PostgreSQL"); null for category and role words. */
  technology: string | null;
  /** Pattern over the normalised label (lower case, words separated by single spaces). */
  pattern: string;
  strength: RuleStrength;
  /** What the label says, for the reason ("label names Redis", "label says “queue”"). */
  says: string;
  /** An adjective ("external"): still counts before a neutral head ("External API"). */
  adjective?: boolean;
}

const rule = (
  kind: ComponentKind,
  technology: string | null,
  pattern: string,
  strength: RuleStrength = 'strong',
  says?: string,
): TechnologyRule => ({ kind, technology, pattern, strength, says: says ?? technology ?? pattern });

/**
 * Every rule. Patterns are written for the normalised label: lower case, camelCase split
 * ("PostgreSQL" → "postgre sql", "MongoDB" → "mongo db"), punctuation replaced by spaces.
 */
export const TECHNOLOGY_RULES: readonly TechnologyRule[] = [
  // Dead letter queues.
  rule('dead-letter-queue', null, 'dlqs?', 'strong', 'DLQ'),
  rule('dead-letter-queue', null, 'dead ?letter(?: queues?| topics?| exchanges?)?', 'strong', 'dead letter'),
  rule('dead-letter-queue', null, 'poison (?:queue|messages?)', 'strong', 'poison queue'),

  // Caches.
  rule('cache', 'Redis', 'redis'),
  rule('cache', 'Memcached', 'memcached?'),
  rule('cache', 'Valkey', 'valkey'),
  rule('cache', 'ElastiCache', 'elasti ?cache'),
  rule('cache', 'Hazelcast', 'hazelcast'),
  rule('cache', null, 'caches?|caching', 'strong', 'cache'),

  // Streams.
  rule('stream', 'Kafka', '(?:apache )?kafka'),
  rule('stream', 'NATS JetStream', '(?:nats )?jet ?stream'),
  rule('stream', 'Kinesis', '(?:aws |amazon )?kinesis'),
  rule('stream', 'Pulsar', '(?:apache )?pulsar'),
  rule('stream', 'Redpanda', 'red ?panda'),
  rule('stream', 'Event Hubs', 'event ?hubs?'),
  rule('stream', 'Pub/Sub', 'pub ?sub'),
  rule('stream', 'EventBridge', 'event ?bridge'),
  rule('stream', null, 'topics?|event streams?|event bus|event log|streams?', 'strong', 'stream'),

  // Queues.
  rule('queue', 'RabbitMQ', 'rabbit ?mq|rabbit'),
  rule('queue', 'SQS', '(?:aws |amazon )?sqs'),
  rule('queue', 'ActiveMQ', 'active ?mq'),
  rule('queue', 'NATS', 'nats'),
  rule('queue', 'Azure Service Bus', '(?:azure )?service bus'),
  rule('queue', 'ZeroMQ', 'zero ?mq'),
  rule('queue', null, 'message queues?|message brokers?|queues?', 'strong', 'queue'),

  // Databases.
  rule('database', 'PostgreSQL', 'postgre ?sql|postgres|psql'),
  rule('database', 'MySQL', 'my ?sql'),
  rule('database', 'MariaDB', 'maria ?db'),
  rule('database', 'MongoDB', 'mongo ?db|mongo'),
  rule('database', 'DynamoDB', 'dynamo ?db|dynamo'),
  rule('database', 'Cassandra', '(?:apache )?cassandra'),
  rule('database', 'SQL Server', 'sql ?server|ms ?sql'),
  rule('database', 'SQLite', 'sq ?lite'),
  rule('database', 'Oracle Database', 'oracle(?: db| database)?'),
  rule('database', 'CockroachDB', 'cockroach ?db'),
  rule('database', 'Neo4j', 'neo4j'),
  rule('database', 'CouchDB', 'couch ?db'),
  rule('database', 'Couchbase', 'couchbase'),
  rule('database', 'Firestore', 'fire ?store'),
  rule('database', 'Cloud Spanner', '(?:cloud )?spanner'),
  rule('database', 'Aurora', '(?:amazon )?aurora'),
  rule('database', 'Amazon RDS', '(?:amazon |aws )?rds'),
  rule('database', 'Cosmos DB', 'cosmos ?db'),
  rule('database', 'ClickHouse', 'click ?house'),
  rule('database', 'InfluxDB', 'influx ?db'),
  rule('database', 'TimescaleDB', 'timescale ?db'),
  rule('database', 'Bigtable', 'big ?table'),
  rule('database', 'HBase', 'h ?base'),
  rule('database', 'ScyllaDB', 'scylla ?db|scylla'),
  rule('database', 'etcd', 'etcd'),
  rule('database', 'BigQuery', 'big ?query'),
  rule('database', 'Snowflake', 'snowflake'),
  rule('database', 'Redshift', 'redshift'),
  rule('database', null, 'databases?|dbs?|data ?stores?|data ?warehouse|rdbms', 'strong', 'database'),

  // Object storage.
  rule('object-storage', 'S3', '(?:amazon |aws )?s3'),
  rule('object-storage', 'Google Cloud Storage', 'gcs|google cloud storage'),
  rule('object-storage', 'Azure Blob Storage', 'azure blob(?: storage)?'),
  rule('object-storage', 'MinIO', 'min ?io'),
  rule(
    'object-storage',
    null,
    'object ?storage|object ?stores?|blob ?storage|blob ?stores?|buckets?',
    'strong',
    'object storage',
  ),

  // Search indexes.
  rule('search-index', 'Elasticsearch', 'elastic ?search|elastic'),
  rule('search-index', 'OpenSearch', 'open ?search'),
  rule('search-index', 'Solr', '(?:apache )?solr'),
  rule('search-index', 'Algolia', 'algolia'),
  rule('search-index', 'Meilisearch', 'meili ?search'),
  rule('search-index', 'Typesense', 'typesense'),
  rule('search-index', 'Azure AI Search', 'azure (?:ai|cognitive) search'),
  rule('search-index', null, 'search index(?:es)?|search engine|full text search', 'strong', 'search index'),

  // Load balancers and proxies.
  rule('load-balancer', null, 'load ?balancers?|lbs?|reverse proxy', 'strong', 'load balancer'),
  rule('load-balancer', 'ELB', 'elb'),
  rule('load-balancer', 'ALB', 'alb'),
  rule('load-balancer', 'NLB', 'nlb'),
  rule('load-balancer', 'nginx', 'nginx'),
  rule('load-balancer', 'HAProxy', 'ha ?proxy'),
  rule('load-balancer', 'Traefik', 'traefik'),

  // CDNs.
  rule('cdn', null, 'cdns?|content delivery network', 'strong', 'CDN'),
  rule('cdn', 'CloudFront', 'cloud ?front'),
  rule('cdn', 'Cloudflare', 'cloud ?flare'),
  rule('cdn', 'Fastly', 'fastly'),
  rule('cdn', 'Akamai', 'akamai'),

  // API gateways.
  rule('api-gateway', null, 'api ?gateways?|api ?gw', 'strong', 'API gateway'),
  rule('api-gateway', 'Kong', 'kong'),
  rule('api-gateway', 'Apigee', 'apigee'),
  rule('api-gateway', 'Tyk', 'tyk'),
  rule('api-gateway', 'Azure API Management', 'api management|apim'),

  // Functions.
  rule('function', 'AWS Lambda', '(?:aws )?lambdas?'),
  rule('function', 'Cloud Functions', '(?:google )?cloud functions?'),
  rule('function', 'Azure Functions', 'azure functions?'),
  rule('function', null, 'serverless functions?|faas', 'strong', 'serverless function'),

  // Identity providers.
  rule('identity-provider', 'Auth0', 'auth0'),
  rule('identity-provider', 'Keycloak', 'keycloak'),
  rule('identity-provider', 'Amazon Cognito', '(?:amazon |aws )?cognito'),
  rule('identity-provider', 'Okta', 'okta'),
  rule(
    'identity-provider',
    'Microsoft Entra ID',
    '(?:microsoft )?entra(?: id)?|azure ad|azure active directory',
  ),
  rule(
    'identity-provider',
    null,
    'identity providers?|id ?ps?|identity service|sso',
    'strong',
    'identity provider',
  ),

  // External services.
  rule('external-service', 'Stripe', 'stripe'),
  rule('external-service', 'Twilio', 'twilio'),
  rule('external-service', 'SendGrid', 'send ?grid'),
  rule('external-service', 'PayPal', 'pay ?pal'),
  rule('external-service', 'Mailgun', 'mailgun'),
  {
    ...rule('external-service', null, 'third ?party|3rd ?party|external', 'weak', 'external'),
    adjective: true,
  },

  // Clients.
  rule(
    'client',
    null,
    'users?|end users?|customers?|browsers?|clients?|mobile(?: apps?)?|web ?apps?|front ?end|spa',
    'weak',
    'client',
  ),

  // Workers.
  rule(
    'worker',
    null,
    'workers?|consumers?|jobs?|cron(?: jobs?)?|background (?:tasks?|processing)|stream (?:processors?|processing)',
    'weak',
    'worker',
  ),
];

/** Words that name a generic service: heads that stop role words from deciding ("User service"). */
const NEUTRAL =
  'services?|servers?|backends?|apis?|apps?|applications?|micro ?services?|handlers?|controllers?|prox(?:y|ies)';

export interface LabelMatch {
  rule: TechnologyRule | null; // null: a neutral word
  start: number;
  end: number;
  /** Inside parentheses or brackets. */
  annotation: boolean;
  /** "15" for "PostgreSQL 15", or ''. */
  version: string;
}

export interface Recognition {
  kind: ComponentKind;
  strength: RuleStrength;
  /** "label names Redis" / "label says “queue”". */
  why: string;
  rule: TechnologyRule;
}

export interface LabelAnalysis {
  /** The match that decides the kind, or null when nothing in the label does. */
  head: Recognition | null;
  /** Products named in the label, head first, e.g. [{ technology: 'PostgreSQL 15', kind: 'database' }]. */
  technologies: { technology: string; kind: ComponentKind }[];
}

/** Lower case, camelCase and snake_case split, punctuation (except dots in versions) as spaces. */
export function normaliseLabel(label: string): string {
  return label
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1 $2')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}.]+/gu, ' ')
    .replace(/\.(?!\p{N})|(?<!\p{N})\./gu, ' ')
    .replace(/ +/g, ' ')
    .trim();
}

const WORD_START = '(?<![\\p{L}\\p{N}])';
// A product name may be followed directly by a version ("redis7"), so only letters end a word.
const WORD_END = '(?![\\p{L}])';
const VERSION = /^ ?v?(\d+(?:\.\d+)*(?:\.x)?)(?![\p{L}\p{N}])/u;

const COMPILED = TECHNOLOGY_RULES.map((r) => ({
  rule: r,
  re: new RegExp(`${WORD_START}(?:${r.pattern})${WORD_END}`, 'gu'),
}));
const NEUTRAL_RE = new RegExp(`${WORD_START}(?:${NEUTRAL})${WORD_END}`, 'gu');

function matchesIn(text: string, annotation: boolean): LabelMatch[] {
  const found: LabelMatch[] = [];
  for (const { rule: r, re } of COMPILED) {
    for (const m of text.matchAll(re)) {
      const end = m.index + m[0].length;
      const version = r.technology !== null ? (VERSION.exec(text.slice(end))?.[1] ?? '') : '';
      found.push({ rule: r, start: m.index, end, annotation, version });
    }
  }
  for (const m of text.matchAll(NEUTRAL_RE))
    found.push({ rule: null, start: m.index, end: m.index + m[0].length, annotation, version: '' });
  // Drop matches inside a longer one ("sql server" hides "server", "api gateway" hides "api").
  return found.filter(
    (a) =>
      !found.some(
        (b) =>
          b !== a &&
          b.start <= a.start &&
          b.end >= a.end &&
          (b.end - b.start > a.end - a.start || (b.rule !== null && a.rule === null)),
      ),
  );
}

/** Continuation lines of at most this many words still belong to the name ("Span\nMetrics\nConnector"). */
const NAME_LINE_WORDS = 2;

/**
 * The name part of a label and its annotations: the text outside parentheses/brackets on the
 * first line (and on following short lines, which usually continue the name), and the text
 * inside parentheses anywhere. Other lines describe the component ("Scheduler\nstartup DB
 * recovery") and are ignored.
 */
function splitAnnotations(label: string): { main: string; notes: string } {
  let outside = '';
  let notes = '';
  let depth = 0;
  for (const ch of label) {
    if (ch === '(' || ch === '[' || ch === '{') {
      depth++;
      notes += ' ';
      outside += ' ';
    } else if ((ch === ')' || ch === ']' || ch === '}') && depth > 0) {
      depth--;
      notes += ' ';
      outside += ' ';
    } else if (depth > 0) notes += ch === '\n' ? ' ' : ch;
    else outside += ch;
  }
  const lines = outside.split('\n').filter((l) => l.trim() !== '');
  const name = lines.slice(0, 1);
  for (const line of lines.slice(1)) {
    if (line.trim().split(/\s+/).length > NAME_LINE_WORDS) break;
    name.push(line);
  }
  return { main: name.join(' '), notes };
}

function recognition(m: LabelMatch): Recognition | null {
  if (!m.rule) return null;
  const r = m.rule;
  return {
    kind: r.kind,
    strength: r.strength,
    why: r.technology !== null ? `label names ${r.technology}` : `label says “${r.says}”`,
    rule: r,
  };
}

/** The deciding match of one part (main text or annotations): see the module comment. */
function headOf(matches: LabelMatch[]): LabelMatch | null {
  const sorted = [...matches].sort((a, b) => b.start - a.start || b.end - a.end);
  const last = sorted[0];
  if (!last) return null;
  if (last.rule !== null) return last;
  // A neutral head: only products, category words and adjectives before it count.
  return sorted.find((m) => m.rule !== null && (m.rule.strength === 'strong' || m.rule.adjective)) ?? last;
}

/** What a label says about its component: the deciding kind, and the products it names. */
export function analyseLabel(label: string): LabelAnalysis {
  const { main, notes } = splitAnnotations(label);
  const mainMatches = matchesIn(normaliseLabel(main), false);
  const noteMatches = matchesIn(normaliseLabel(notes), true);
  const head = headOf(mainMatches) ?? headOf(noteMatches);
  const products = [...mainMatches, ...noteMatches]
    .filter((m) => m.rule?.technology != null)
    .sort((a, b) => Number(a.annotation) - Number(b.annotation) || b.start - a.start);
  if (head) {
    // The head first, then the rest right to left.
    const i = products.indexOf(head);
    if (i > 0) products.unshift(...products.splice(i, 1));
  }
  const seen = new Set<string>();
  const technologies: { technology: string; kind: ComponentKind }[] = [];
  for (const m of products) {
    const r = m.rule;
    if (!r || r.technology === null) continue;
    const technology = m.version === '' ? r.technology : `${r.technology} ${m.version}`;
    if (seen.has(technology)) continue;
    seen.add(technology);
    technologies.push({ technology, kind: r.kind });
  }
  return { head: head ? recognition(head) : null, technologies };
}

/** Kinds whose technology a component of `kind` may take: a Kafka DLQ is "Kafka". */
const TECHNOLOGY_FITS: Partial<Record<ComponentKind, readonly ComponentKind[]>> = {
  'dead-letter-queue': ['queue', 'stream'],
};

/** The technology to record for a component of `kind` with this label ('' when none fits). */
export function technologyFor(kind: ComponentKind, analysis: LabelAnalysis): string {
  const fits = (k: ComponentKind) => k === kind || (TECHNOLOGY_FITS[kind]?.includes(k) ?? false);
  return analysis.technologies.find((t) => fits(t.kind))?.technology ?? '';
}

/** Shorthand: the kind a label alone suggests, with its reason and technology, or null. */
export function recogniseTechnology(
  label: string,
): { kind: ComponentKind; technology: string; strength: RuleStrength; why: string } | null {
  const analysis = analyseLabel(label);
  if (!analysis.head) return null;
  return {
    kind: analysis.head.kind,
    technology: technologyFor(analysis.head.kind, analysis),
    strength: analysis.head.strength,
    why: analysis.head.why,
  };
}
