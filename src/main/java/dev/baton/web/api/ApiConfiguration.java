package dev.baton.web.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.converter.ConverterFactory;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** OpenAPI description of /api/v1 and lenient enum parameters (?stage=mql as well as ?stage=MQL). */
@Configuration(proxyBeanMethods = false)
class ApiConfiguration implements WebMvcConfigurer {

    static final String BEARER = "bearer";

    @Bean
    OpenAPI batonOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Baton API").version("v1")
                        .description("Contacts, accounts, campaigns, spend, pipeline, activities and users. "
                                + "Authenticate with `Authorization: Bearer bt_...` (issue tokens under /api/v1/tokens "
                                + "or in the admin UI). Lists page by cursor: pass `nextCursor` back as `cursor`. "
                                + "Errors are RFC 9457 problem+json with `errors[]` naming each field."))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("bt_ API token")
                        .description("Scope `api` acts with the issuing user's role; scope `ingest` may only "
                                + "POST /api/v1/activities and /api/v1/activities/batch.")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /**
     * JSON strings stay strings: a number or boolean sent for a text field is a client mistake (400 naming
     * the field), not something to turn into "42" or "false" silently; likewise fractions for integers
     * and numbers for instants.
     */
    @Bean
    JsonMapperBuilderCustomizer strictTextCoercion() {
        return builder -> builder.withCoercionConfig(LogicalType.Textual, config -> config
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                // 1.5 employees is a mistake, not 1
                .withCoercionConfig(LogicalType.Integer, config -> config
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
                // instants are ISO-8601 strings; a bare number is ambiguous (seconds? millis?)
                .addModule(new SimpleModule("baton-iso-instants").addDeserializer(Instant.class,
                        new IsoInstantDeserializer()));
    }

    /** Reads instants only from ISO-8601 strings, with Z or an offset ({@code 2026-01-31T09:30:00+01:00}). */
    static final class IsoInstantDeserializer extends StdScalarDeserializer<Instant> {

        IsoInstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
            }
            String text = p.getString().trim();
            try {
                return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                return (Instant) ctxt.handleWeirdStringValue(Instant.class, text, "not an ISO-8601 instant");
            }
        }
    }

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverterFactory(new CaseInsensitiveEnums());
    }

    /** Query parameters accept enum values in any case, matching the lower-case JSON form. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static final class CaseInsensitiveEnums implements ConverterFactory<String, Enum> {
        @Override
        public <T extends Enum> Converter<String, T> getConverter(Class<T> targetType) {
            return source -> {
                String value = source.trim();
                if (value.isEmpty()) {
                    return null;
                }
                return (T) Enum.valueOf(targetType, value.toUpperCase(Locale.ROOT));
            };
        }
    }
}
