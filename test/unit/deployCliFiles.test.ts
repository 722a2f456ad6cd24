/** Which files are auth0-deploy-cli's (common/deployCliFiles.ts): the rule the server, the CLI and the client share. */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { deployCliLayoutOf, directoryLayoutOf, looksLikeTenantDocument } from '../../common/deployCliFiles';

const repository = (root: string) => root === '/repo';

void describe('deploy-cli files', () => {
  test('tenant.yaml and tenant.yml anywhere, by name; tenant.json is not one by its name', () => {
    assert.equal(deployCliLayoutOf('/any/where/tenant.yaml', '', 'yaml', false, () => false), 'tenant');
    assert.equal(deployCliLayoutOf('/any/where/Tenant.YML', '', 'yaml', false, () => false), 'tenant');
    assert.equal(deployCliLayoutOf('/repo/tenant.json', '{"connections":[]}', 'json', false, () => true), undefined);
  });

  test('the directory layout only in a folder that is a deploy-cli repository, or when the files setting names it', () => {
    assert.equal(deployCliLayoutOf('/repo/connections/okta.json', '', 'json', false, repository), 'connection-file');
    assert.equal(deployCliLayoutOf('/repo/database-connections/users/database.json', '', 'json', false, repository), 'database-file');
    assert.equal(deployCliLayoutOf('/web-app/connections/db.json', '', 'json', false, repository), undefined);
    assert.equal(deployCliLayoutOf('/web-app/connections/db.json', '', 'json', true, repository), 'connection-file');
    assert.equal(directoryLayoutOf('/repo/connections/sub/okta.json'), undefined, 'no recursion, as deploy-cli reads the folder');
    assert.equal(directoryLayoutOf('/repo/database-connections/users/login.js'), undefined);
  });

  test('a file the setting names is a tenant file when its top level lists connections or databases', () => {
    assert.equal(looksLikeTenantDocument('# prod\nclients: []\ndatabases:\n  - name: users\n', 'yaml'), true);
    assert.equal(looksLikeTenantDocument('name: okta\nstrategy: okta\nconnections: x\n', 'yaml'), false, 'a connection body');
    assert.equal(looksLikeTenantDocument('{\n  "connections": [\n', 'json'), true);
    assert.equal(looksLikeTenantDocument('{ "name": "x", "connections": [] }', 'json'), false);
    assert.equal(deployCliLayoutOf('/x/prod.yaml', 'connections:\n  - name: a\n', 'yaml', true, () => false), 'tenant');
    assert.equal(deployCliLayoutOf('/x/prod.yaml', 'connections:\n  - name: a\n', 'yaml', false, () => false), undefined);
  });
});
