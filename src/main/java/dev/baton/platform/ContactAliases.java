package dev.baton.platform;

import java.util.Collection;
import java.util.Map;

/**
 * Which contact ids are merged into another contact (implemented by the people module). Processors that key
 * derived state by contact ask it, so that activities logged under a merged contact's id count for the
 * survivor, both when applied live and when rebuilt from the log.
 */
public interface ContactAliases {

    /** For each given id that is merged, its final survivor (chains followed); ids not merged are absent. */
    Map<Long, Long> survivors(Collection<Long> contactIds);

    /** Maps the id to its survivor when the map has one. */
    static long resolve(Map<Long, Long> survivors, long contactId) {
        Long s = survivors.get(contactId);
        return s == null ? contactId : s;
    }
}
