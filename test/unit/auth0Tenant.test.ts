import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { connectTarget, dashboardUrl, isLoopbackHost, normalizeDomain, resolveEndpoints } from '../../common/auth0/tenant';

function domainOf(input: string): string {
  const result = normalizeDomain(input);
  assert.ok(result.ok, `expected ${JSON.stringify(input)} to be accepted: ${result.ok ? '' : result.message}`);
  return result.domain;
}

function refusal(input: string): string {
  const result = normalizeDomain(input);
  assert.ok(!result.ok, `expected ${JSON.stringify(input)} to be refused, got ${result.ok ? result.domain : ''}`);
  return result.message;
}

void describe('normalizeDomain', () => {
  void it('keeps a bare host name, lower-cased', () => {
    assert.equal(domainOf('my-tenant.eu.auth0.com'), 'my-tenant.eu.auth0.com');
    assert.equal(domainOf('My-Tenant.EU.Auth0.com'), 'my-tenant.eu.auth0.com');
    assert.equal(domainOf('login.example.com'), 'login.example.com');
  });

  void it('strips https://, trailing slashes and surrounding spaces', () => {
    assert.equal(domainOf('https://my-tenant.us.auth0.com/'), 'my-tenant.us.auth0.com');
    assert.equal(domainOf('  HTTPS://my-tenant.auth0.com//  '), 'my-tenant.auth0.com');
  });

  void it('refuses empty input with an example', () => {
    assert.match(refusal(''), /Enter the tenant's domain \(e\.g\. my-tenant\.eu\.auth0\.com\)/);
    assert.match(refusal('   '), /Enter the tenant's domain/);
    assert.match(refusal('https://'), /Enter the tenant's domain/);
  });

  void it('refuses other schemes, saying tenants use https', () => {
    assert.match(refusal('http://my-tenant.auth0.com'), /"http:\/\/" is not supported: Auth0 tenants are reached over https/);
    assert.match(refusal('ftp://my-tenant.auth0.com'), /not supported/);
  });

  void it('refuses a path, a port, user info, a query, spaces', () => {
    assert.match(refusal('my-tenant.auth0.com/api/v2'), /without a path/);
    assert.match(refusal('https://my-tenant.auth0.com/api/v2/'), /without a path/);
    assert.match(refusal('my-tenant.auth0.com:443'), /without a port/);
    assert.match(refusal('user:pass@my-tenant.auth0.com'), /without a user name or password/);
    assert.match(refusal('my-tenant.auth0.com?x=1'), /without "\?" or "#"/);
    assert.match(refusal('my tenant.auth0.com'), /cannot contain spaces/);
    assert.match(refusal('my-tenant.auth0.com:8443'), /without a port/);
  });

  void it('refuses an IP address with a sentence: an IP address is never a tenant', () => {
    for (const input of ['169.254.169.254', '127.0.0.1', '10.0.0.1', 'https://169.254.169.254/', '0x7f.1', '1.2.3.4', '[::1]', '::1', '[fd00::1]', 'fe80::1', '[::ffff:169.254.169.254]']) {
      assert.match(refusal(input), /is an IP address, not a tenant: Auth0 tenants are reached by their domain name/, input);
    }
  });

  void it('refuses names that are never on the public internet (special-use and private top-level names)', () => {
    const cases: Array<[string, RegExp]> = [
      ['metadata.google.internal', /names ending in "\.internal" are reserved for private networks/],
      ['printer.local', /multicast DNS/],
      ['tenant.localhost', /name this machine/],
      ['tenant.test', /reserved for testing/],
      ['tenant.example', /reserved for documentation/],
      ['1.0.0.127.in-addr.arpa', /network infrastructure/],
      ['router.home.arpa', /network infrastructure/],
      ['tenant.onion', /onion/],
      ['tenant.corp', /never delegated/],
    ];
    for (const [input, pattern] of cases) {
      const message = refusal(input);
      assert.match(message, pattern, input);
      assert.match(message, /cannot be an Auth0 tenant/, input);
    }
  });

  void it('keeps custom domains and other public names working', () => {
    for (const input of ['login.example.com', 'auth.mycompany.co.uk', 'id.internal.example.com', 'local.example.org', 'login.test-company.io', 'tenant.auth0.com', 'a.b.c.example.net', 'sso.2fa.example', 'x.app']) {
      if (input === 'sso.2fa.example') continue; // .example is reserved, covered above
      assert.equal(domainOf(input), input);
    }
  });

  void it('refuses invalid labels and single names', () => {
    assert.match(refusal('-tenant.auth0.com'), /not a valid domain name: the part "-tenant"/);
    assert.match(refusal('tenant-.auth0.com'), /the part "tenant-"/);
    assert.match(refusal('a..auth0.com'), /an empty part/);
    assert.match(refusal('tenant_1.auth0.com'), /the part "tenant_1"/);
    assert.match(refusal('localhost'), /not a full domain name/);
    assert.match(refusal(`${'a'.repeat(64)}.auth0.com`), /not a valid domain name/);
    assert.match(refusal('tenänt.auth0.com'), /ASCII form \(xn--/);
  });
});

void describe('isLoopbackHost', () => {
  void it('accepts 127.0.0.0/8, ::1 and localhost only', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '[::1]', '::1']) {
      assert.equal(isLoopbackHost(host), true, host);
    }
    for (const host of ['10.0.0.1', '128.0.0.1', '127.0.0.1.nip.io', 'localhost.evil.com', 'evil.com', '[::2]', '127.0.0.256']) {
      assert.equal(isLoopbackHost(host), false, host);
    }
  });

  void it('refuses localhost with a trailing dot: DNS resolves it, not the hosts file', () => {
    assert.equal(isLoopbackHost('localhost.'), false);
    assert.equal(isLoopbackHost('LOCALHOST.'), false);
  });
});

void describe('connectTarget', () => {
  const lookupTo = (...addresses: string[]) => async () => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

  void it('leaves literal addresses and names other than localhost alone', async () => {
    for (const url of ['http://127.0.0.1:3000/api/v2', 'http://[::1]:3000/x', 'https://my-tenant.auth0.com/oauth/token']) {
      assert.deepEqual(await connectTarget(url, async () => assert.fail('no lookup expected')), { ok: true, urls: [url] });
    }
  });

  void it('sends a request for localhost to the loopback addresses it resolves to, in order', async () => {
    assert.deepEqual(await connectTarget('http://localhost:3000/api/v2/connections', lookupTo('::1', '127.0.0.1')), {
      ok: true,
      urls: ['http://[::1]:3000/api/v2/connections', 'http://127.0.0.1:3000/api/v2/connections'],
    });
  });

  void it('refuses localhost when it resolves to any address that is not loopback', async () => {
    for (const addresses of [['10.1.2.3'], ['127.0.0.1', '169.254.169.254'], []]) {
      const target = await connectTarget('http://localhost:3000/api/v2', lookupTo(...addresses));
      assert.ok(!target.ok, addresses.join(','));
      assert.match(target.message, /localhost resolves to \S+( address)? on this machine, which is not a loopback address, so nothing was sent there; use 127\.0\.0\.1 or \[::1\]/);
    }
  });

  void it('refuses localhost when it cannot be resolved', async () => {
    const target = await connectTarget('http://localhost:3000', async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND localhost'), { code: 'ENOTFOUND' });
    });
    assert.ok(!target.ok);
    assert.match(target.message, /localhost could not be resolved to an address \(ENOTFOUND\)/);
  });
});

void describe('resolveEndpoints', () => {
  void it('derives the API base, token base and audience from the domain', () => {
    const result = resolveEndpoints('https://My-Tenant.eu.auth0.com/');
    assert.ok(result.ok);
    assert.deepEqual(result.endpoints, {
      domain: 'my-tenant.eu.auth0.com',
      apiBaseUrl: 'https://my-tenant.eu.auth0.com/api/v2',
      tokenBaseUrl: 'https://my-tenant.eu.auth0.com',
      audience: 'https://my-tenant.eu.auth0.com/api/v2/',
      overridden: false,
    });
  });

  void it('refuses a bad domain with normalizeDomain\'s message', () => {
    const result = resolveEndpoints('my-tenant.auth0.com/api');
    assert.ok(!result.ok);
    assert.match(result.message, /without a path/);
  });

  void it('accepts loopback overrides (http allowed there), keeping the real audience', () => {
    const result = resolveEndpoints('my-tenant.auth0.com', {
      apiBaseUrl: 'http://127.0.0.1:4567/api/v2/',
      authBaseUrl: 'http://localhost:4567',
    });
    assert.ok(result.ok);
    assert.equal(result.endpoints.apiBaseUrl, 'http://127.0.0.1:4567/api/v2');
    assert.equal(result.endpoints.tokenBaseUrl, 'http://localhost:4567');
    assert.equal(result.endpoints.audience, 'https://my-tenant.auth0.com/api/v2/');
    assert.equal(result.endpoints.overridden, true);
    for (const base of ['http://[::1]:9000/api/v2', 'https://127.9.9.9/api/v2', 'http://127.0.0.1:1234']) {
      const other = resolveEndpoints('my-tenant.auth0.com', { apiBaseUrl: base });
      assert.ok(other.ok, base);
    }
  });

  void it('treats an empty override or one equal to the default as none', () => {
    const result = resolveEndpoints('my-tenant.auth0.com', { apiBaseUrl: 'https://my-tenant.auth0.com/api/v2/', authBaseUrl: '' });
    assert.ok(result.ok);
    assert.equal(result.endpoints.overridden, false);
    assert.equal(result.endpoints.apiBaseUrl, 'https://my-tenant.auth0.com/api/v2');
  });

  void it('refuses any override that is not a loopback address, with a clear message', () => {
    const cases: Array<[string, RegExp]> = [
      ['https://evil.example.com/api/v2', /evil\.example\.com is not a loopback address/],
      ['http://10.0.0.5:8080/api/v2', /10\.0\.0\.5 is not a loopback address/],
      ['http://127.0.0.1.nip.io/api/v2', /is not a loopback address/],
      ['http://localhost.evil.com/api/v2', /is not a loopback address/],
      ['http://localhost.:3000/api/v2', /"localhost\." ends in a dot: a name ending in a dot is looked up in DNS, not in this machine's hosts file/],
      ['https://other-tenant.auth0.com/api/v2', /is not a loopback address/],
      ['http://user:pw@127.0.0.1/api/v2', /contains a user name or password/],
      ['http://127.0.0.1/api/v2?x=1', /contains a query or fragment/],
      ['ftp://127.0.0.1/api/v2', /only http and https are supported/],
      ['not a url', /is not a URL/],
    ];
    for (const [base, pattern] of cases) {
      const api = resolveEndpoints('my-tenant.auth0.com', { apiBaseUrl: base });
      assert.ok(!api.ok, base);
      assert.match(api.message, pattern, base);
      assert.match(api.message, /Management API base URL override/);
      const auth = resolveEndpoints('my-tenant.auth0.com', { authBaseUrl: base });
      assert.ok(!auth.ok, base);
      assert.match(auth.message, /token endpoint base URL override/);
    }
    const refused = resolveEndpoints('my-tenant.auth0.com', { apiBaseUrl: 'https://evil.example.com' });
    assert.ok(!refused.ok);
    assert.match(refused.message, /may only point to this machine \(127\.0\.0\.1, ::1 or localhost\)/);
  });
});

void describe('dashboardUrl', () => {
  void it('knows canonical Auth0 domains and not custom ones', () => {
    assert.equal(dashboardUrl('my-tenant.auth0.com'), 'https://manage.auth0.com/dashboard/us/my-tenant/');
    assert.equal(dashboardUrl('my-tenant.eu.auth0.com'), 'https://manage.auth0.com/dashboard/eu/my-tenant/');
    assert.equal(dashboardUrl('login.example.com'), undefined);
  });
});
