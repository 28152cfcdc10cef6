package dev.baton.people;

public record AccountDraft(String name, String domain, String industry, Integer employees, Long annualRevenue,
        String region, String country, Long ownerId) {
}
