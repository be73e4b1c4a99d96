/**
 * Outbox → Kafka → inbox between two nodes (city 440300 → province 440000, real processes),
 * beside the broker's raw producer throughput measured in the same run on the same machine.
 *
 *   npm run bench:messaging -- [--messages 20000] [--rate 1000] [--seconds 20] [--batch 1000] [--chunk 500]
 *
 * --batch is the relay's batch size at the city, --chunk the inbox chunk size at the province.
 *
 * Prints a table and one JSON line. Figures belong in docs/benchmarks.md with this command.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { create, toBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { Partitioners } from 'kafkajs';
import { ProbeMode, ProbeSchema } from '@kaf/contracts';
import { EnvelopeSchema } from '@kaf/messaging/testing';
import { FederationFixture, kafkaClient } from '../../test/support/federation-fixture';
import { REPO_ROOT } from '../../test/support/node-process';
import { delivery, sendProbes } from '../../test/support/probes';
import { sleep, waitFor } from '../../test/support/wait';

const run = promisify(execFile);

interface Options {
  messages: number;
  rate: number;
  seconds: number;
  batch: number;
  chunk: number;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { messages: 20_000, rate: 1000, seconds: 20, batch: 1000, chunk: 500 };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i]?.replace(/^--/, '') as keyof Options;
    const value = Number(argv[i + 1]);
    if (!(key in options) || !Number.isFinite(value) || value <= 0)
      throw new Error(`bad argument ${argv[i]} ${argv[i + 1]}`);
    options[key] = value;
  }
  return options;
}

/** An envelope the size of a real probe message, for the raw baseline. */
function sampleEnvelope(): Buffer {
  const payload = create(ProbeSchema, {
    batchId: '01a20923-d583-7155-8e59-5474606c1ee2',
    key: 'probe:01a20923-d583-7155-8e59-5474606c1ee2:17',
    sequence: 12345,
    mode: ProbeMode.ONEWAY,
    sentAt: timestampFromDate(new Date()),
  });
  return Buffer.from(
    toBinary(
      EnvelopeSchema,
      create(EnvelopeSchema, {
        id: '01a20923-d583-7155-8e59-5474606c1ee3',
        type: ProbeSchema.typeName,
        source: '440300',
        target: '440000',
        key: payload.key,
        correlationId: '01a20923-d583-7155-8e59-5474606c1ee3',
        occurredAt: timestampFromDate(new Date()),
        payload: toBinary(ProbeSchema, payload),
      }),
    ),
  );
}

/** kafkajs producer with the relay's settings (idempotent, acks=all, one request in flight). */
async function rawKafkaJs(
  namespace: string,
  messages: number,
  batch: number,
  value: Buffer,
): Promise<number> {
  const kafka = kafkaClient();
  const topic = `${namespace}.raw`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [{ topic, numPartitions: 3, replicationFactor: 1 }],
    waitForLeaders: true,
  });
  await admin.disconnect();
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  const send = async (n: number, offset: number): Promise<void> => {
    for (let i = 0; i < n; i += batch) {
      const size = Math.min(batch, n - i);
      await producer.send({
        topic,
        acks: -1,
        messages: Array.from({ length: size }, (_, j) => ({ key: `k${(offset + i + j) % 64}`, value })),
      });
    }
  };
  await send(Math.min(2000, messages), 0); // warm-up
  const started = process.hrtime.bigint();
  await send(messages, 1);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await producer.disconnect();
  return messages / seconds;
}

/** The broker's own Java producer benchmark, same record size, acks=all, idempotent. */
async function rawJava(namespace: string, messages: number, recordSize: number): Promise<number | null> {
  const topic = `${namespace}.rawjava`;
  const kafkaSh = join(REPO_ROOT, 'scripts/infra/kafka.sh');
  try {
    await run('bash', [
      kafkaSh,
      'topics',
      '--create',
      '--topic',
      topic,
      '--partitions',
      '3',
      '--replication-factor',
      '1',
    ]);
    const { stdout } = await run(
      'bash',
      [
        kafkaSh,
        'run-class',
        'org.apache.kafka.tools.ProducerPerformance',
        '--topic',
        topic,
        '--num-records',
        String(messages),
        '--record-size',
        String(recordSize),
        '--throughput',
        '-1',
        '--producer-props',
        'bootstrap.servers=127.0.0.1:9092',
        'acks=all',
        'enable.idempotence=true',
        'max.in.flight.requests.per.connection=1',
      ],
      { timeout: 300_000 },
    );
    const last = stdout.trim().split('\n').pop() ?? '';
    const match = /([\d.]+) records\/sec/.exec(last);
    return match ? Number(match[1]) : null;
  } catch (error) {
    process.stderr.write(`ProducerPerformance failed: ${String(error)}\n`);
    return null;
  } finally {
    await run('bash', [kafkaSh, 'topics', '--delete', '--topic', topic]).catch(() => undefined);
  }
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const fed = new FederationFixture();
  const log = (msg: string): void => void process.stdout.write(`${msg}\n`);
  try {
    const envelope = sampleEnvelope();
    log(
      `record size ${envelope.length} bytes; ${options.messages} messages; relay batch ${options.batch}; inbox chunk ${options.chunk}`,
    );

    log('raw producer (kafkajs, relay settings)...');
    const kafkajsRate = await rawKafkaJs(fed.namespace, options.messages, options.batch, envelope);
    log('raw producer (Java ProducerPerformance)...');
    const javaRate = await rawJava(fed.namespace, options.messages, envelope.length);

    log('starting city 440300 and province 440000...');
    const province = await fed.addNode('440000', 'province', {
      STATUS_REPORT_INTERVAL_MS: '15000',
      LOG_LEVEL: 'warn',
      INBOX_CHUNK_SIZE: String(options.chunk),
    });
    const city = await fed.addNode('440300', 'city', {
      STATUS_REPORT_INTERVAL_MS: '15000',
      LOG_LEVEL: 'warn',
      RELAY_BATCH_SIZE: String(options.batch),
    });
    await Promise.all([province.startAndWaitReady(), city.startAndWaitReady()]);
    const warm = await sendProbes(city, '440000', 2000, 64, 'oneway');
    await waitFor(
      'warm-up',
      () => delivery(province, warm),
      (d) => d.distinct >= 2000,
      120_000,
    );

    log('pipeline, saturated...');
    const t0 = Date.now();
    const batchId = await sendProbes(city, '440000', options.messages, 64, 'oneway');
    const written = Date.now();
    const done = await waitFor(
      'saturated batch',
      () => delivery(province, batchId),
      (d) => d.distinct >= options.messages,
      600_000,
      200,
    );
    const lastAt = Date.parse(done.lastReceivedAt ?? '');
    const pipelineRate = options.messages / ((lastAt - written) / 1000);
    if (done.handled !== done.distinct || done.outOfOrder !== 0)
      throw new Error(`delivery broken: ${JSON.stringify(done)}`);

    log(`pipeline, steady ${options.rate} msg/s for ${options.seconds} s...`);
    const perTick = Math.max(1, Math.round(options.rate / 20));
    const ticks = Math.round((options.seconds * 1000) / 50);
    const steady: string[] = [];
    const start = Date.now();
    for (let i = 0; i < ticks; i++) {
      steady.push(await sendProbes(city, '440000', perTick, 16, 'oneway'));
      const next = start + (i + 1) * 50;
      if (next > Date.now()) await sleep(next - Date.now());
    }
    const offered = (perTick * ticks) / ((Date.now() - start) / 1000);
    for (const id of steady) {
      await waitFor(
        'steady batch',
        () => delivery(province, id),
        (v) => v.distinct >= perTick,
        120_000,
      );
    }
    const oneWay = await steadyLatency(fed, steady);

    const result = {
      recordBytes: envelope.length,
      messages: options.messages,
      rawKafkaJsPerSec: Math.round(kafkajsRate),
      rawJavaPerSec: javaRate === null ? null : Math.round(javaRate),
      pipelinePerSec: Math.round(pipelineRate),
      ratioToKafkaJs: Number((pipelineRate / kafkajsRate).toFixed(3)),
      ratioToJava: javaRate ? Number((pipelineRate / javaRate).toFixed(3)) : null,
      outboxWriteMs: written - t0,
      steadyOfferedPerSec: Math.round(offered),
      steadyP50Ms: oneWay.p50,
      steadyP99Ms: oneWay.p99,
      steadyMaxMs: oneWay.max,
    };
    log('');
    log(`| figure | value |`);
    log(`|---|---|`);
    for (const [k, v] of Object.entries(result)) log(`| ${k} | ${v} |`);
    log(`\nRESULT ${JSON.stringify(result)}`);
  } finally {
    await fed.dispose();
  }
}

async function steadyLatency(
  fed: FederationFixture,
  batches: string[],
): Promise<{ p50: number; p99: number; max: number }> {
  const [row] = await fed.sql<{ p50: number; p99: number; max: number }>(
    '440000',
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99, max(ms) AS max
       FROM (SELECT extract(epoch FROM received_at - sent_at) * 1000 AS ms
               FROM federation_probe_received WHERE batch_id = ANY($1::uuid[])) t`,
    [batches],
  );
  const round = (v: number | undefined): number => Math.round(Number(v ?? NaN) * 10) / 10;
  return { p50: round(row?.p50), p99: round(row?.p99), max: round(row?.max) };
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
