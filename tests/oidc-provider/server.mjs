// OpenID Connect provider for end-to-end tests ONLY.
//
// A thin start script around the real `oidc-provider` library (panva). There is
// no login form: every authorization request is logged in automatically as the
// account named by its `login_hint` (default `user-1`) and consent is granted
// for the requested scopes. See README.md for the environment variables.

import { createServer } from 'node:http';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync, createPrivateKey, randomUUID } from 'node:crypto';
import Provider from 'oidc-provider';

// The library prints its NOTICEs with console.info (stdout). Keep stdout for the
// single `ready` line so that tests can parse it; everything else goes to stderr.
console.info = console.error;

function fail(message) {
  console.error(`oidc-provider config error: ${message}`);
  process.exit(2);
}

// ---- configuration from the environment ----------------------------------

const port = Number(process.env.OIDC_PORT);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  fail('OIDC_PORT must be set to a TCP port number');
}
const issuer = process.env.OIDC_ISSUER || `http://127.0.0.1:${port}`;

const idTokenTtl = Number(process.env.OIDC_ID_TOKEN_TTL || 3600);
if (!Number.isInteger(idTokenTtl) || idTokenTtl <= 0) {
  fail('OIDC_ID_TOKEN_TTL must be a positive integer (seconds)');
}

let clients;
try {
  clients = JSON.parse(process.env.OIDC_CLIENTS || '');
} catch (err) {
  fail(`OIDC_CLIENTS must be a JSON array of clients (${err.message})`);
}
if (!Array.isArray(clients) || clients.length === 0) {
  fail('OIDC_CLIENTS must be a non-empty JSON array');
}
clients = clients.map((client) => ({
  grant_types: ['authorization_code'],
  response_types: ['code'],
  // A client may set "client_secret_post" instead.
  token_endpoint_auth_method: 'client_secret_basic',
  ...client,
}));

const keysFile = process.env.OIDC_KEYS_FILE;
if (!keysFile) fail('OIDC_KEYS_FILE must be set (it is created if missing)');

// ---- signing keys ---------------------------------------------------------

if (!existsSync(keysFile)) {
  // Generate one RSA key and store the private JWK set for the tests.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' };
  writeFileSync(keysFile, `${JSON.stringify({ keys: [jwk] }, null, 2)}\n`, { mode: 0o600 });
}

let jwks;
try {
  jwks = JSON.parse(readFileSync(keysFile, 'utf8'));
  if (!Array.isArray(jwks.keys) || jwks.keys.length === 0) throw new Error('no "keys" array');
  for (const key of jwks.keys) {
    if (key.kty !== 'RSA' || !key.d || !key.kid) throw new Error('every key must be a private RSA JWK with a "kid"');
  }
  // The first key in PKCS#1 PEM, so tests can sign tokens with the provider's own key.
  const pem = createPrivateKey({ key: jwks.keys[0], format: 'jwk' }).export({ type: 'pkcs1', format: 'pem' });
  writeFileSync(`${keysFile}.pem`, pem, { mode: 0o600 });
} catch (err) {
  fail(`OIDC_KEYS_FILE ${keysFile}: ${err.message}`);
}

// ---- accounts -------------------------------------------------------------

// The account id is the login_hint. A hint containing '@' is used as the e-mail
// address too; otherwise the address is <id>@example.se.
async function findAccount(ctx, id) {
  return {
    accountId: id,
    async claims() {
      return {
        sub: id,
        email: id.includes('@') ? id : `${id}@example.se`,
        email_verified: true,
        name: id,
      };
    },
  };
}

// ---- provider -------------------------------------------------------------

let provider;
try {
  provider = new Provider(issuer, {
    clients,
    jwks,
    findAccount,
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name'],
    },
    // Put the scope claims (email, name) into the ID token too, not only into userinfo.
    conformIdTokenClaims: false,
    // PKCE (S256) for every client, confidential ones included.
    pkce: { required: () => true },
    cookies: { keys: ['noden-test-cookie-key-1', 'noden-test-cookie-key-2'] },
    features: {
      devInteractions: { enabled: false },
    },
    interactions: {
      url: (ctx, interaction) => `/interaction/${interaction.uid}`,
    },
    ttl: {
      IdToken: idTokenTtl,
      AccessToken: 3600,
      AuthorizationCode: 60,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
  });
  // Static clients are only validated on first use; validate them now instead.
  for (const { client_id: id } of clients) await provider.Client.find(id);
} catch (err) {
  fail([err.message, err.error_description].filter(Boolean).join(': '));
}

// RFC 9207: the `iss` authorization response parameter is always sent by
// oidc-provider v9 (no option), and discovery advertises
// authorization_response_iss_parameter_supported: true.

// ---- automatic interactions (no login form, no consent screen) -------------

async function autoInteraction(req, res) {
  const { prompt, params, session, grantId } = await provider.interactionDetails(req, res);
  const result = {};

  let accountId = session?.accountId;
  if (prompt.name === 'login') {
    accountId = params.login_hint || 'user-1';
    result.login = { accountId };
  }

  // Grant the requested scopes (and claims) right away, so a single interaction
  // round covers both the login and the consent prompt.
  const grant = grantId
    ? await provider.Grant.find(grantId)
    : new provider.Grant({ accountId, clientId: params.client_id });
  grant.addOIDCScope(prompt.details.missingOIDCScope?.join(' ') || params.scope);
  if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
  result.consent = { grantId: await grant.save() };

  await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
}

// ---- HTTP server ----------------------------------------------------------

const providerCallback = provider.callback();
const server = createServer((req, res) => {
  if (req.method === 'GET' && /^\/interaction\/[^/?]+(\?|$)/.test(req.url)) {
    autoInteraction(req, res).catch((err) => {
      console.error('interaction failed:', err);
      res.statusCode = 400;
      res.end(`interaction failed: ${err.message}\n`);
    });
    return;
  }
  providerCallback(req, res);
});

server.on('error', (err) => {
  console.error(`oidc-provider: cannot listen on 127.0.0.1:${port}: ${err.message}`);
  process.exit(1);
});

server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`ready http://127.0.0.1:${port}\n`);
});

// Exit at once when the test harness terminates us (all state is in memory).
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => process.exit(0));
}
