import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../../auth/src/index.js';
import { PasswordResetConfirmDto, PasswordResetRequestDto } from './password-reset.dto.js';
import { PasswordResetService } from './password-reset.service.js';

@ApiTags('auth')
@Controller('auth/password-reset')
export class PasswordResetController {
  constructor(private readonly resets: PasswordResetService) {}

  /** Mails a reset link when the address has an account; the answer is the same either way. */
  @Post()
  @HttpCode(202)
  @Public()
  request(@Body() body: PasswordResetRequestDto) {
    return this.resets.request(body.email);
  }

  /** Sets the new password from the mailed link; every session of the account ends. */
  @Post('confirm')
  @HttpCode(200)
  @Public()
  confirm(@Body() body: PasswordResetConfirmDto) {
    return this.resets.confirm(body.token, body.password);
  }
}
