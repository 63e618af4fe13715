import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { TenantDb } from '../../database/src/index.js';
import { AuditService } from '../../audit/src/audit.service.js';
import { Roles } from './access.decorators.js';
import { AccountsService } from './accounts.service.js';
import { CreateAccountDto } from './auth.dto.js';
import { AccountEntity } from './account.entity.js';

/** Tenant administrators manage the accounts of their own tenant. */
@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class AccountsController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly db: TenantDb,
    private readonly audit: AuditService,
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
    return { items: rows.map(present) };
  }
}

function present(a: AccountEntity) {
  return { id: a.id, email: a.email, displayName: a.displayName, roles: a.roles, status: a.status, locale: a.locale };
}
