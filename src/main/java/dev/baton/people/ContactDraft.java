package dev.baton.people;

/** The writable fields of a contact. In an upsert, null means "leave as is". */
public record ContactDraft(String email, String firstName, String lastName, String title, String phone,
        String company, String country, String city, Long accountId, Long ownerId, LifecycleStage lifecycleStage,
        String leadSource, String timeZone) {
}
