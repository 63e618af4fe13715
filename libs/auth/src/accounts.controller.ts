import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { TenantDb } from '../../database/src/index.js';
import { AuditService } from '../../audit/src/audit.service.js';
import { Roles } from './access.decorators.js';
import { AccountsService } from './accounts.service.js';
import { CreateAccountDto } from './auth.dto.js';
import { AccountEntity } from './account.entity.js';
import { RequestContext } from '../../context/src/index.js';
import { TenantRegistry } from '../../tenancy/src/tenant-registry.js';
import { listedAccount } from './account-identity.js';

/** Tenant administrators manage the accounts of their own tenant. */
@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class AccountsController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly db: TenantDb,
    private readonly audit: AuditService,
    private readonly registry: TenantRegistry,
  ) {}

  @Post()
  @Roles('tenant-admin')
  async create(@Body() body: CreateAccountDto) {
    const account = await this.accounts.create({ ...body, emailVerified: true });
    await this.audit.record({
      action: 'account.create',
      subjectType: 'account',
      subjectId: account.id,
      details: { roles: account.roles },
    });
    return present(account);
  }

  @Get()
  @Roles('tenant-admin')
  async list() {
    const rows = await this.db.transaction((tx) => tx.repo(AccountEntity).find({}, { order: { email: 'ASC' }, take: 500 }));
    // A tenant may keep jobseekers' identity from its administrators (refugee-talent-pool does).
    const tenant = RequestContext.tenant();
    const definition = this.registry.has(tenant.plugin) ? this.registry.get(tenant.plugin) : null;
    const items = rows.map((a) => listedAccount(definition, RequestContext.actor(), a));
    // Hidden accounts go last, by id: their place among the others would hint at their address.
    const shown = items.filter((a) => !a.identityHidden);
    const hidden = items.filter((a) => a.identityHidden).sort((x, y) => (x.id < y.id ? -1 : 1));
    return { items: [...shown, ...hidden] };
  }
}

function present(a: AccountEntity) {
  return { id: a.id, email: a.email, displayName: a.displayName, roles: a.roles, status: a.status, locale: a.locale };
}
