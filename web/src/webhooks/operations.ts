import { graphql } from '../gql';

// The team's webhooks (SPEC 10), for admins.

export const webhooksQuery = graphql(`
  query Webhooks($team: String!) {
    webhooks(team: $team) {
      id
      url
      events
      sets
      createdAt
    }
  }
`);

export const createWebhookMutation = graphql(`
  mutation CreateWebhook($input: CreateWebhookInput!) {
    createWebhook(input: $input) {
      id
      url
      secret
    }
  }
`);

export const deleteWebhookMutation = graphql(`
  mutation DeleteWebhook($team: String!, $id: String!) {
    deleteWebhook(team: $team, id: $id) {
      id
    }
  }
`);

export const webhookDeliveriesQuery = graphql(`
  query WebhookDeliveries($team: String!, $id: String!) {
    webhookDeliveries(team: $team, id: $id, first: 10) {
      items {
        id
        type
        set
        status
        attempts
        lastStatusCode
        lastError
        createdAt
      }
    }
  }
`);
