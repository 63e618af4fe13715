import { Module } from '@nestjs/common';
import { TestOnlyController } from './test-only.controller.js';

@Module({ controllers: [TestOnlyController] })
export class TestOnlyModule {}
