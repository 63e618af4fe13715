import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Public, Roles } from '../../auth/src/index.js';
import type { Actor } from '../../context/src/index.js';
import { EmailVerificationService } from './email-verification.service.js';
import { ProfileReaderService } from './profile-reader.service.js';
import { ProfileRegistrationService } from './profile-registration.service.js';
import { ProfileStatesService } from './profile-states.service.js';
import { ProfileWriterService } from './profile-writer.service.js';
import { RegisterProfileDto } from './dto/register-profile.dto.js';
import { VerifyEmailDto } from './dto/verify-email.dto.js';
import { ProfileVisibilityDto, UpdateProfileDto } from './dto/update-profile.dto.js';
import { ProfileRefParam, UuidParam } from './dto/uuid-param.pipe.js';

@ApiTags('profiles')
@ApiBearerAuth()
@Controller('profiles')
export class ProfilesController {
  constructor(
    private readonly registration: ProfileRegistrationService,
    private readonly verification: EmailVerificationService,
    private readonly reader: ProfileReaderService,
    private readonly writer: ProfileWriterService,
    private readonly states: ProfileStatesService,
  ) {}

  /** Answers 202 whether or not the address was known: registration reveals no one. */
  @Post('register')
  @HttpCode(202)
  @Public()
  register(@Body() body: RegisterProfileDto) {
    return this.registration.register(body);
  }

  /** The link in the verification mail: proves the mailbox and sets the password chosen there. */
  @Post('verify-email')
  @HttpCode(200)
  @Public()
  verifyEmail(@Body() body: VerifyEmailDto) {
    return this.verification.verify(body.token, body.password);
  }

  @Get('me')
  @Roles('jobseeker')
  me(@CurrentActor() actor: Actor) {
    return this.reader.own(actor);
  }

  @Patch('me')
  @Roles('jobseeker')
  update(@CurrentActor() actor: Actor, @Body() body: UpdateProfileDto) {
    return this.writer.updateOwn(actor, body.fields);
  }

  @Post('me/activate')
  @HttpCode(200)
  @Roles('jobseeker')
  activate(@CurrentActor() actor: Actor) {
    return this.states.activate(actor);
  }

  @Post('me/inactivate')
  @HttpCode(200)
  @Roles('jobseeker')
  inactivate(@CurrentActor() actor: Actor) {
    return this.states.inactivate(actor);
  }

  @Post('me/anonymise')
  @HttpCode(200)
  @Roles('jobseeker')
  anonymise(@CurrentActor() actor: Actor) {
    return this.states.anonymise(actor);
  }

  @Patch('me/visibility')
  @Roles('jobseeker')
  visibility(@CurrentActor() actor: Actor, @Body() body: ProfileVisibilityDto) {
    return this.states.setVisibleToEmployers(actor, body.visibleToEmployers);
  }

  /**
   * Public so a tenant with a public showcase can serve it; everyone else gets 404 unless in reach.
   * `:id` is the public handle; the internal id works for the person and the tenant's staff only.
   */
  @Get(':id')
  @Public()
  read(@CurrentActor() actor: Actor, @Param('id', new ProfileRefParam('id')) id: string) {
    return this.reader.read(actor, id);
  }

  @Patch(':id')
  @Roles('staff', 'tenant-admin')
  updateAsStaff(@CurrentActor() actor: Actor, @Param('id', new UuidParam('id')) id: string, @Body() body: UpdateProfileDto) {
    return this.writer.updateAsStaff(actor, id, body.fields);
  }
}
