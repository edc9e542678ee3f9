import { describe, expect, it } from 'vitest';
import {
  analyseLabel,
  recogniseTechnology,
  technologyFor,
  TECHNOLOGY_RULES,
} from '../../../src/lib/import/mermaid/technology';
import { normaliseLabel } from '../../../src/lib/import/mermaid/technology';
import { COMPONENT_KINDS, type ComponentKind } from '../../../src/lib/model';

describe('technology recognition in labels', () => {
  const cases: [label: string, kind: ComponentKind, technology: string][] = [
    ['Redis', 'cache', 'Redis'],
    ['Memcached', 'cache', 'Memcached'],
    ['session cache', 'cache', ''],
    ['Kafka', 'stream', 'Kafka'],
    ['Apache Kafka 3.6', 'stream', 'Kafka 3.6'],
    ['Kinesis', 'stream', 'Kinesis'],
    ['Pulsar', 'stream', 'Pulsar'],
    ['orders topic', 'stream', ''],
    ['RabbitMQ', 'queue', 'RabbitMQ'],
    ['SQS', 'queue', 'SQS'],
    ['ActiveMQ', 'queue', 'ActiveMQ'],
    ['NATS', 'queue', 'NATS'],
    ['Job queue', 'queue', ''],
    ['PostgreSQL', 'database', 'PostgreSQL'],
    ['Postgres 15', 'database', 'PostgreSQL 15'],
    ['postgresql15', 'database', 'PostgreSQL 15'],
    ['MySQL', 'database', 'MySQL'],
    ['MariaDB', 'database', 'MariaDB'],
    ['MongoDB', 'database', 'MongoDB'],
    ['DynamoDB', 'database', 'DynamoDB'],
    ['Cassandra', 'database', 'Cassandra'],
    ['SQL Server 2019', 'database', 'SQL Server 2019'],
    ['SQLite', 'database', 'SQLite'],
    ['Orders DB', 'database', ''],
    ['Orders DB (PostgreSQL 15)', 'database', 'PostgreSQL 15'],
    ['User DB', 'database', ''],
    ['S3', 'object-storage', 'S3'],
    ['S3 bucket', 'object-storage', 'S3'],
    ['GCS', 'object-storage', 'Google Cloud Storage'],
    ['Blob storage', 'object-storage', ''],
    ['MinIO', 'object-storage', 'MinIO'],
    ['Elasticsearch', 'search-index', 'Elasticsearch'],
    ['OpenSearch', 'search-index', 'OpenSearch'],
    ['Solr', 'search-index', 'Solr'],
    ['DLQ', 'dead-letter-queue', ''],
    ['Orders dead letter queue', 'dead-letter-queue', ''],
    ['Kafka DLQ', 'dead-letter-queue', 'Kafka'],
    ['SQS dead-letter queue', 'dead-letter-queue', 'SQS'],
    ['LB', 'load-balancer', ''],
    ['Load balancer', 'load-balancer', ''],
    ['ELB', 'load-balancer', 'ELB'],
    ['ALB', 'load-balancer', 'ALB'],
    ['nginx', 'load-balancer', 'nginx'],
    ['HAProxy', 'load-balancer', 'HAProxy'],
    ['CDN', 'cdn', ''],
    ['CloudFront', 'cdn', 'CloudFront'],
    ['Cloudflare', 'cdn', 'Cloudflare'],
    ['Fastly', 'cdn', 'Fastly'],
    ['API gateway', 'api-gateway', ''],
    ['ApiGateway', 'api-gateway', ''],
    ['Kong', 'api-gateway', 'Kong'],
    ['Apigee', 'api-gateway', 'Apigee'],
    ['Lambda', 'function', 'AWS Lambda'],
    ['Cloud Functions', 'function', 'Cloud Functions'],
    ['Azure Functions', 'function', 'Azure Functions'],
    ['Auth0', 'identity-provider', 'Auth0'],
    ['Keycloak', 'identity-provider', 'Keycloak'],
    ['Cognito', 'identity-provider', 'Amazon Cognito'],
    ['Okta', 'identity-provider', 'Okta'],
    ['Identity provider', 'identity-provider', ''],
    ['IdP', 'identity-provider', ''],
    ['User', 'client', ''],
    ['Browser', 'client', ''],
    ['Client', 'client', ''],
    ['Mobile app', 'client', ''],
    ['Web app', 'client', ''],
    ['Email worker', 'worker', ''],
    ['Kafka consumer', 'worker', ''],
    ['Nightly job', 'worker', ''],
    ['Stripe', 'external-service', 'Stripe'],
    ['Twilio', 'external-service', 'Twilio'],
    ['Third-party KYC', 'external-service', ''],
    ['External API', 'external-service', ''],
    // camelCase / snake_case identifiers, and case
    ['KafkaExporter', 'stream', 'Kafka'],
    ['orders_db', 'database', ''],
    ['REDIS', 'cache', 'Redis'],
    ['redis7', 'cache', 'Redis 7'],
    // the name, not the description, decides
    ['Redis server', 'cache', 'Redis'],
    ['Redis/Valkey\n(Cache, Queue)', 'cache', 'Valkey'],
    ['Cache\n(Valkey 8)', 'cache', 'Valkey 8'],
    ['Orders\nDatabase', 'database', ''],
  ];

  it.each(cases)('%j → %s %j', (label, kind, technology) => {
    const r = recogniseTechnology(label);
    expect(r?.kind).toBe(kind);
    expect(r?.technology).toBe(technology);
  });

  const nothing = [
    'Orders service',
    'User service',
    'Checkout API',
    'Scheduler\nstartup DB recovery and more',
    'Orders service (PostgreSQL)',
    'Predis', // no word boundary
    'Kafkaesque',
    'Tasks',
    '',
  ];
  it.each(nothing)('%j: nothing decides', (label) => {
    expect(recogniseTechnology(label)).toBeNull();
  });

  it('records the reason in words', () => {
    expect(recogniseTechnology('Redis')?.why).toBe('label names Redis');
    expect(recogniseTechnology('Orders queue')?.why).toBe('label says “queue”');
    expect(recogniseTechnology('Kafka consumer')?.why).toBe('label says “worker”');
  });

  it('marks role words weak and products strong', () => {
    expect(recogniseTechnology('Users')?.strength).toBe('weak');
    expect(recogniseTechnology('Background worker')?.strength).toBe('weak');
    expect(recogniseTechnology('Postgres')?.strength).toBe('strong');
    expect(recogniseTechnology('Job queue')?.strength).toBe('strong');
  });

  it('keeps a technology only where it fits the kind', () => {
    const analysis = analyseLabel('Orders service (PostgreSQL 15)');
    expect(technologyFor('service', analysis)).toBe('');
    expect(technologyFor('database', analysis)).toBe('PostgreSQL 15');
    expect(technologyFor('dead-letter-queue', analyseLabel('RabbitMQ'))).toBe('RabbitMQ');
  });

  it('is a table of rules covering every kind but service', () => {
    const kinds = new Set(TECHNOLOGY_RULES.map((r) => r.kind));
    expect([...COMPONENT_KINDS].filter((k) => !kinds.has(k))).toEqual(['service']);
    for (const r of TECHNOLOGY_RULES) expect(() => new RegExp(r.pattern, 'u')).not.toThrow();
  });

  it('normalises labels into lower-case words', () => {
    expect(normaliseLabel('PostgreSQL 15.2 (primary)')).toBe('postgre sql 15.2 primary');
    expect(normaliseLabel('orders_DB-v2')).toBe('orders db v2');
    expect(normaliseLabel('S3Bucket')).toBe('s3 bucket');
  });
});
