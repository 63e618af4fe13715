import { createParamDecorator } from '@nestjs/common';
import { RequestContext, type Actor } from '../../context/src/index.js';

/** The verified actor of this request (anonymous on public routes). */
export const CurrentActor = createParamDecorator((): Actor => RequestContext.actor());
