package dev.baton.governance;

public enum ConsentStatus {
    GRANTED, DENIED, WITHDRAWN
}
