package dev.gantry.core.outbox;

/** Where an outgoing call stands: waiting (for its first or next attempt), delivered, or given up. */
public enum DeliveryState {
  PENDING,
  DELIVERED,
  FAILED
}
