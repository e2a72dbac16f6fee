#!/usr/bin/env node
// A saywho client in Node.js with @grpc/grpc-js and @grpc/proto-loader (the .proto files are
// loaded at run time; nothing is generated). CI runs it against a live server:
//
//   npm install            # in clients/node (or with NODE_PATH pointing at a node_modules)
//   node clients/node/client.js --target 127.0.0.1:50051 --proto-root proto
//
// It ingests articles (CreateArticle, ImportArticles), asks who said a quote (AttributeQuote),
// lists the speaker's quotes, pages through ListArticles, checks error codes and the BadRequest
// field violations, checks that spans slice the submitted text in JavaScript's own unit (UTF-16),
// and deletes what it created. Every step asserts; the exit status is 0 only if all held.
'use strict';

const path = require('node:path');
const crypto = require('node:crypto');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const protobuf = require('protobufjs');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const target = arg('target', '127.0.0.1:50051');
const protoRoot = path.resolve(arg('proto-root', path.join(__dirname, '..', '..', 'proto')));
const files = ['article', 'article_service', 'common', 'quote', 'quote_service']
  .map((f) => `saywho/v1/${f}.proto`);
const definition = protoLoader.loadSync(files, {
  includeDirs: [protoRoot],
  keepCase: true, // field names as in the .proto: page_size, next_page_token
  longs: String,
  enums: String, // enum values by name: 'IMPORT_OUTCOME_CREATED'
  defaults: true,
  oneofs: true,
});
const v1 = grpc.loadPackageDefinition(definition).saywho.v1;

// google.rpc.Status and BadRequest, for the grpc-status-details-bin trailer.
const rpcTypes = protobuf.Root.fromJSON({
  nested: {
    Any: { fields: { type_url: { type: 'string', id: 1 }, value: { type: 'bytes', id: 2 } } },
    Status: {
      fields: {
        code: { type: 'int32', id: 1 },
        message: { type: 'string', id: 2 },
        details: { rule: 'repeated', type: 'Any', id: 3 },
      },
    },
    FieldViolation: { fields: { field: { type: 'string', id: 1 }, description: { type: 'string', id: 2 } } },
    BadRequest: { fields: { field_violations: { rule: 'repeated', type: 'FieldViolation', id: 1 } } },
  },
});

function check(cond, what) {
  if (!cond) throw new Error(`check failed: ${what}`);
}

// Promisified unary call with a 10 s deadline.
function call(client, method, request) {
  return new Promise((resolve, reject) => {
    client[method](request, { deadline: Date.now() + 10000 }, (err, res) => (err ? reject(err) : resolve(res)));
  });
}

function violations(err) {
  const raw = err.metadata && err.metadata.get('grpc-status-details-bin')[0];
  if (!raw) return [];
  const status = rpcTypes.lookupType('Status').decode(raw);
  return status.details
    .filter((d) => d.type_url.endsWith('/google.rpc.BadRequest'))
    .flatMap((d) => rpcTypes.lookupType('BadRequest').decode(d.value).field_violations.map((v) => v.field));
}

async function expectError(promise, code, field) {
  try {
    await promise;
  } catch (err) {
    check(err.code === code, `expected code ${code}, got ${err.code}: ${err.details}`);
    if (field) check(violations(err).includes(field), `no violation for ${field}: ${violations(err)}`);
    return;
  }
  throw new Error(`expected code ${code}, but the call succeeded`);
}

async function main() {
  const creds = grpc.credentials.createInsecure();
  const articles = new v1.ArticleService(target, creds);
  const quotes = new v1.QuoteService(target, creds);

  const run = crypto.randomBytes(4).toString('hex');
  const [tribune, courier] = [`Node Tribune ${run}`, `Node Courier ${run}`];
  const words = 'Every school in the district will have a library by autumn';
  // Emoji and accents make UTF-16, code-point and UTF-8 offsets all differ.
  const textA = `Education chief Marisol Tenbrink visited Ærø 🏫 schools on Friday.\n\n`
    + `\u201c${words},\u201d Tenbrink said.\n\nParents welcomed the plan.`;
  const textB = `The district board met on Friday.\n\n\u201c${words},\u201d said Marisol Tenbrink, the education chief.`;

  // Ingest: create, idempotent retry, ALREADY_EXISTS on different text.
  const aId = `node-${run}-a`;
  const created = await call(articles, 'CreateArticle', { article: { text: textA, outlet: tribune }, article_id: aId });
  check(created.article.name === `articles/${aId}` && !created.already_existed, `create: ${JSON.stringify(created)}`);
  const again = await call(articles, 'CreateArticle', { article: { text: textA, outlet: tribune }, article_id: aId });
  check(again.already_existed, 'retry was not idempotent');
  await expectError(call(articles, 'CreateArticle', { article: { text: `${textA} More.` }, article_id: aId }),
    grpc.status.ALREADY_EXISTS);
  console.log('ok  CreateArticle: created, idempotent retry, ALREADY_EXISTS');

  // ImportArticles: a client stream, one result per article.
  const imported = await new Promise((resolve, reject) => {
    const stream = articles.ImportArticles({ deadline: Date.now() + 10000 }, (err, res) => (err ? reject(err) : resolve(res)));
    stream.write({ article: { text: textB, outlet: courier }, article_id: `node-${run}-b` });
    stream.write({ article: { text: '', outlet: courier }, article_id: `node-${run}-empty` });
    stream.end();
  });
  const outcomes = imported.results.map((r) => r.outcome);
  check(JSON.stringify(outcomes) === JSON.stringify(['IMPORT_OUTCOME_CREATED', 'IMPORT_OUTCOME_FAILED']),
    `outcomes ${outcomes}`);
  check(imported.results[1].error_code === grpc.status.INVALID_ARGUMENT, 'failed import code');
  console.log('ok  ImportArticles: 1 created, 1 failed with INVALID_ARGUMENT');

  // Who said it?
  const who = await call(quotes, 'AttributeQuote', { text: 'every school in the district will have a library' });
  check(who.candidates.length > 0, 'AttributeQuote found no candidate');
  const top = who.candidates[0];
  check(top.speaker && top.speaker.display_name.includes('Tenbrink'), `top speaker ${JSON.stringify(top.speaker)}`);
  check([tribune, courier].every((o) => top.outlets.includes(o)), `outlets ${top.outlets}`);
  console.log(`ok  AttributeQuote: ${top.speaker.display_name}, outlets ${top.outlets.join(', ')}`);

  // The speaker's quotes in article A, with UTF-16 offsets that slice a JS string directly (the
  // full view carries the occurrences; lists default to the basic view, without them).
  const listed = await call(quotes, 'ListQuotes', {
    speaker: top.speaker.name, article: `articles/${aId}`, offset_encoding: 'OFFSET_ENCODING_UTF16',
    view: 'QUOTE_VIEW_FULL',
  });
  const spans = listed.quotes.flatMap((q) => q.occurrences).filter((o) => o.article === `articles/${aId}`).map((o) => o.span);
  check(spans.length > 0, 'no occurrence listed for the article');
  for (const s of spans) {
    const got = textA.slice(s.begin_offset, s.end_offset);
    check(got === s.content, `UTF-16 span [${s.begin_offset},${s.end_offset}) = ${JSON.stringify(got)} != ${JSON.stringify(s.content)}`);
  }
  console.log(`ok  ListQuotes: ${listed.quotes.length} quote(s); UTF-16 spans slice the text`);

  // Paging through every article, 3 per page.
  const names = [];
  let token = '';
  let total = 0;
  for (let pages = 0; ; pages += 1) {
    check(pages < 10000, 'paging does not end');
    const page = await call(articles, 'ListArticles', { page_size: 3, page_token: token });
    check(page.articles.length <= 3, 'page larger than page_size');
    names.push(...page.articles.map((a) => a.name));
    total = page.total_size;
    token = page.next_page_token;
    if (!token) break;
  }
  check(new Set(names).size === names.length, 'an article was listed twice');
  check(names.length === total, `${names.length} listed, total_size ${total}`);
  check([...names].sort().join() === names.join(), 'not in name order');
  check(names.includes(`articles/${aId}`) && names.includes(`articles/node-${run}-b`), 'created articles missing');
  console.log(`ok  ListArticles: ${names.length} articles in pages of 3`);

  // Errors with field violations.
  await expectError(call(articles, 'GetArticle', { name: 'not-a-name' }), grpc.status.INVALID_ARGUMENT, 'name');
  await expectError(call(articles, 'GetArticle', { name: `articles/node-${run}-missing` }), grpc.status.NOT_FOUND);
  await expectError(call(articles, 'ListArticles', { page_size: -5 }), grpc.status.INVALID_ARGUMENT, 'page_size');
  console.log('ok  errors: INVALID_ARGUMENT with field violations, NOT_FOUND');

  for (const name of [`articles/${aId}`, `articles/node-${run}-b`]) {
    const deleted = await call(articles, 'DeleteArticle', { name });
    check(deleted.deleted, `${name} not deleted`);
  }
  console.log('ok  DeleteArticle: created articles removed');
  articles.close();
  quotes.close();
  console.log('node client: all checks passed');
}

main().catch((err) => {
  console.error(`FAILED: ${err.message || err}`);
  process.exit(1);
});
