// A real OpenID provider (panva/oidc-provider) on loopback, for tokencheck's end-to-end tests.
//
// Usage: node provider.mjs <port>   (or PORT=<port> node provider.mjs)
//
// Issuer http://127.0.0.1:<port>. Two confidential clients with the client_credentials grant:
//   orders-client / orders-secret   scopes orders:read orders:write, resource api://orders (ES256 at+jwt)
//   reports-client / reports-secret scope reports:read,              resource api://reports (RS256 at+jwt)
// Signing keys (one ES256, one RS256) are generated at every start, so nothing secret is committed.
//
// Prints "READY <issuer>" on stdout once listening. Stops by itself when stdin closes (the parent
// test JVM died or closed the pipe) and after MAX_LIFETIME_MS, so it can never outlive a test run.

import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import Provider, { errors } from 'oidc-provider';

const MAX_LIFETIME_MS = Number(process.env.MAX_LIFETIME_MS || 10 * 60 * 1000);
const HOST = '127.0.0.1';

const port = Number(process.argv[2] ?? process.env.PORT);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error('usage: node provider.mjs <port>  (a free TCP port on 127.0.0.1)');
  process.exit(2);
}
const issuer = `http://${HOST}:${port}`;

function signingJwk(type, options, alg) {
  const { privateKey } = generateKeyPairSync(type, options);
  return { ...privateKey.export({ format: 'jwk' }), kid: `${alg.toLowerCase()}-${randomUUID()}`, alg, use: 'sig' };
}

// Each resource server names the algorithm its access tokens are signed with.
const resourceServers = {
  'api://orders': {
    scope: 'orders:read orders:write',
    audience: 'api://orders',
    accessTokenFormat: 'jwt',
    accessTokenTTL: 300,
    jwt: { sign: { alg: 'ES256' } },
  },
  'api://reports': {
    scope: 'reports:read',
    audience: 'api://reports',
    accessTokenFormat: 'jwt',
    accessTokenTTL: 300,
    jwt: { sign: { alg: 'RS256' } },
  },
};

const clients = [
  {
    client_id: 'orders-client',
    client_secret: 'orders-secret',
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    scope: 'orders:read orders:write',
    defaultResource: 'api://orders',
  },
  {
    client_id: 'reports-client',
    client_secret: 'reports-secret',
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    scope: 'reports:read',
    defaultResource: 'api://reports',
  },
];

const configuration = {
  clients: clients.map(({ defaultResource, ...metadata }) => metadata),
  // Listing every scope makes the provider enforce each client's allowed scopes.
  scopes: ['openid', ...new Set(Object.values(resourceServers).flatMap((rs) => rs.scope.split(' ')))],
  jwks: {
    keys: [
      signingJwk('ec', { namedCurve: 'P-256' }, 'ES256'),
      signingJwk('rsa', { modulusLength: 2048 }, 'RS256'),
    ],
  },
  cookies: { keys: [randomUUID()] },
  ttl: { ClientCredentials: 300 },
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    introspection: { enabled: false },
    revocation: { enabled: false },
    resourceIndicators: {
      enabled: true,
      defaultResource(ctx, client) {
        return clients.find((c) => c.client_id === client.clientId)?.defaultResource;
      },
      getResourceServerInfo(ctx, resourceIndicator) {
        const info = resourceServers[resourceIndicator];
        if (!info) {
          throw new errors.InvalidTarget();
        }
        return info;
      },
      useGrantedResource() {
        return true;
      },
    },
  },
};

const provider = new Provider(issuer, configuration);
provider.on('server_error', (ctx, err) => console.error('provider server_error:', err.message));

const server = createServer(provider.callback());

function stop(why, code = 0) {
  console.error(`oidc-provider stopping: ${why}`);
  server.close();
  server.closeAllConnections?.();
  process.exit(code);
}

server.on('error', (err) => stop(`cannot listen on ${HOST}:${port}: ${err.message}`, 1));
server.listen(port, HOST, () => {
  process.stdout.write(`READY ${issuer}\n`);
});

// The parent holds our stdin open; when it goes away (normally or by crashing), so do we.
process.stdin.on('end', () => stop('stdin closed'));
process.stdin.on('error', () => stop('stdin error'));
process.stdin.resume();
setTimeout(() => stop(`maximum lifetime of ${MAX_LIFETIME_MS} ms reached`), MAX_LIFETIME_MS).unref();
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
