import { Body, Controller, ForbiddenException, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsEmail, IsString, Length, Matches, MaxLength } from 'class-validator';
import { Roles } from '../../auth/src/access.decorators.js';
import { AccountsService } from '../../auth/src/accounts.service.js';
import { PasswordService } from '../../auth/src/password.service.js';
import { ValidationProblem, type FieldProblem, NestedObject, Optional, Text } from '../../http/src/index.js';
import { RequestContext } from '../../context/src/index.js';
import { AuditService } from '../../audit/src/audit.service.js';
import { TenantsService } from './tenants.service.js';
import { PLATFORM_TENANT_KEY, TenantRegistry } from './tenant-registry.js';

class FirstAdminDto {
  @IsEmail()
  @MaxLength(254)
  email: string;

  @Text(1, 120)
  displayName: string;

  @IsString()
  @MaxLength(128)
  password: string;
}

class CreateTenantDto {
  @Matches(/^[a-z][a-z0-9-]{1,40}$/, { message: 'key must be a lower-case slug' })
  key: string;

  @IsString()
  @Length(1, 80)
  plugin: string;

  @Text(1, 200)
  name: string;

  @Optional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(253, { each: true })
  @Matches(/^[a-z0-9.-]+$/, { each: true, message: 'each domain must be a lower-case host name' })
  domains?: string[];

  @NestedObject(() => FirstAdminDto)
  admin: FirstAdminDto;
}

/**
 * Platform operators create tenants. They sign in to the platform tenant, which holds no candidate
 * data, and row-level security keeps every other tenant's rows out of their reach.
 */
@ApiTags('platform')
@ApiBearerAuth()
@Controller('platform/tenants')
export class PlatformTenantsController {
  constructor(
    private readonly tenants: TenantsService,
    private readonly registry: TenantRegistry,
    private readonly accounts: AccountsService,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @Roles('platform-operator')
  async list() {
    this.assertPlatformTenant();
    return { items: await this.tenants.list(), plugins: this.registry.all().map((d) => d.key) };
  }

  @Post()
  @Roles('platform-operator')
  async create(@Body() body: CreateTenantDto) {
    this.assertPlatformTenant();
    // Everything that can be refused is checked first: a refused admin must not leave a tenant behind.
    this.assertCreatable(body);
    const tenant = await this.tenants.create(body);
    await this.audit.record({ action: 'tenant.create', subjectType: 'tenant', subjectId: tenant.id });
    // The first administrator is created inside the new tenant's own context.
    const admin = await RequestContext.with({ tenant, tx: undefined }, () =>
      this.accounts.create({ ...body.admin, roles: ['tenant-admin'], emailVerified: true }),
    );
    return { ...tenant, adminId: admin.id };
  }

  private assertCreatable(body: CreateTenantDto): void {
    const problems: FieldProblem[] = [];
    if (!this.registry.has(body.plugin)) problems.push({ field: 'plugin', reason: 'is not a registered tenant definition' });
    const password = this.passwords.problem(body.admin.password, [body.admin.email.split('@')[0], body.admin.displayName]);
    if (password) problems.push({ field: 'admin.password', reason: password });
    if (problems.length) throw new ValidationProblem(problems);
  }

  private assertPlatformTenant(): void {
    if (RequestContext.tenant().key !== PLATFORM_TENANT_KEY)
      throw new ForbiddenException('Tenants are managed from the platform tenant');
  }
}
