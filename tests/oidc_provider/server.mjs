// A real OpenID Connect provider for the sign-in tests: panva's oidc-provider on localhost.
//
// Started by tests/oidc_provider/harness.py, which reads the first line this prints
// ("READY <issuer>"). Configuration from the environment:
//   ACCOUNTS_FILE   JSON {"<sub>": {"password": "...", "disabled": false, "claims": {...}}},
//                   read again at every sign-in, so that a test can remove or disable an
//                   account at the provider while it runs.
//   CLIENTS         JSON list of clients (client_id, client_secret, redirect_uris,
//                   post_logout_redirect_uris, id_token_ttl seconds).
// The login page is the provider's own interaction page; consent is granted for the test
// clients (first-party applications, as an organisation's Entra ID admin-consents them).
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';

import Provider from 'oidc-provider';

const accountsFile = process.env.ACCOUNTS_FILE;
const clients = JSON.parse(process.env.CLIENTS || '[]');
const scopes = ['openid', 'email', 'profile'];

function readAccounts() {
  return JSON.parse(fs.readFileSync(accountsFile, 'utf8'));
}

function liveAccount(id) {
  const account = readAccounts()[id];
  return account && !account.disabled ? account : undefined;
}

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title, body) {
  return `<!DOCTYPE html><html lang="fi"><head><meta charset="utf-8"><title>${escape(title)}</title></head><body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;
}

function loginForm(uid, error) {
  return page('Testitunnistus', `${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
<label for="login">Käyttäjä</label> <input id="login" name="login" autocomplete="username">
<label for="password">Salasana</label> <input id="password" name="password" type="password" autocomplete="current-password">
<button type="submit">Kirjaudu</button></form>`);
}

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return Object.fromEntries(new URLSearchParams(body));
}

const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' };
const ttlByClient = Object.fromEntries(clients.map((c) => [c.client_id, c.id_token_ttl || 600]));

const server = http.createServer();
server.listen(Number(process.env.PORT || 0), '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: clients.map(({ id_token_ttl: _ttl, ...client }) => ({
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_post',
      ...client,
    })),
    jwks: { keys: [signingKey] },
    cookies: { keys: [crypto.randomBytes(16).toString('hex')] },
    scopes,
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      // Groups come with the profile, as Entra ID adds them to the token whatever the scope.
      profile: ['name', 'given_name', 'family_name', 'groups'],
    },
    // Every requested claim in the ID token too, as Entra ID puts groups and roles there.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.body = page('Uloskirjautuminen', `${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Kirjaudu ulos</button>`);
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.body = page('Uloskirjautunut', '<p>Olet kirjautunut ulos.</p>');
        },
      },
    },
    ttl: {
      IdToken: (ctx, token, client) => ttlByClient[client.clientId] || 600,
      AccessToken: 600,
      AuthorizationCode: 60,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    // An account removed or disabled in the file no longer exists for the provider: its
    // sign-in is refused and a session it had at the provider no longer counts.
    findAccount: (ctx, id) => {
      const account = liveAccount(id);
      if (!account) return undefined;
      return { accountId: id, claims: () => ({ sub: id, ...account.claims }) };
    },
    loadExistingGrant: async (ctx) => {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope(scopes.join(' '));
      await grant.save();
      return grant;
    },
  });

  const callback = provider.callback();
  server.on('request', async (req, res) => {
    const match = req.url.match(/^\/interaction\/([^/?]+)(\/login)?/);
    if (!match) return callback(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (req.method === 'POST' && match[2]) {
        const form = await readForm(req);
        const account = liveAccount(form.login);
        if (!account || account.password !== form.password) {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          return res.end(loginForm(details.uid, 'Väärä tunnus tai salasana, tai tunnus on poistettu.'));
        }
        return provider.interactionFinished(req, res, { login: { accountId: form.login } }, {
          mergeWithLastSubmission: false,
        });
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(loginForm(details.uid));
    } catch (error) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      return res.end(String(error));
    }
  });
  console.log(`READY ${issuer}`);
});

// The test process ends the provider by closing its standard input (or by a signal).
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
process.on('SIGTERM', () => process.exit(0));
