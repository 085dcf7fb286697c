import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';

import type { RequestContext as Ctx } from '../auth/actor';
import { RequestContext } from '../auth/request-context.decorator';
import type { Page } from '../common/pagination';
import { CreateTokenBody } from './dto/create-token.input';
import { CreatedTokenModel, TokenListModel, TokenModel } from './models/token.model';
import { type CreatedToken, TokensService, type TokenView } from './tokens.service';

@ApiTags('tokens')
@ApiBearerAuth()
@Controller('api/v1/teams/:team/tokens')
export class TokensController {
  constructor(private readonly tokens: TokensService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a team token; the secret is in this response only' })
  @ApiResponse({ status: 201, type: CreatedTokenModel })
  create(
    @RequestContext() ctx: Ctx,
    @Param('team') team: string,
    @Body() body: CreateTokenBody,
  ): Promise<CreatedToken> {
    return this.tokens.create(ctx, team, body);
  }

  @Get()
  @ApiOperation({ summary: "List the team's tokens (never their secrets)" })
  @ApiResponse({ status: 200, type: TokenListModel })
  list(@RequestContext() ctx: Ctx, @Param('team') team: string): Promise<Page<TokenView>> {
    return this.tokens.list(ctx, team);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Revoke a token (idempotent)' })
  @ApiResponse({ status: 200, type: TokenModel })
  revoke(
    @RequestContext() ctx: Ctx,
    @Param('team') team: string,
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string,
  ): Promise<TokenView> {
    return this.tokens.revoke(ctx, team, id);
  }
}
