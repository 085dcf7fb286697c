import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'hostaliases:public';

/** Marks a route that needs no token (health, metrics, docs). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
