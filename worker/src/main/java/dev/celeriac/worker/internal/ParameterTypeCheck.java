package dev.celeriac.worker.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.AbstractDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.deser.impl.UnsupportedTypeDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Optional;

/**
 * Finds parameter types that Jackson could never read an argument into, so they fail at start-up
 * rather than on the first message: type variables, and types Jackson has no way to construct.
 * Thread-safe.
 */
public final class ParameterTypeCheck {
  private final JsonMapper mapper;
  private final DeserializationContext context;

  /** A check against {@code mapper}'s configuration. */
  public ParameterTypeCheck(JsonMapper mapper) {
    this.mapper = mapper;
    this.context =
        ((DefaultDeserializationContext) mapper.getDeserializationContext())
            .createDummyInstance(mapper.getDeserializationConfig());
  }

  /** Why {@code type} cannot be an argument type, or empty if Jackson can read it. */
  public Optional<String> problemWith(Type type) {
    Optional<TypeVariable<?>> variable = typeVariableIn(type);
    if (variable.isPresent()) {
      return Optional.of(
          "type "
              + type.getTypeName()
              + " contains the type variable "
              + variable.get().getName()
              + ", which Jackson cannot resolve; use a concrete type");
    }
    return problemWith(mapper.constructType(type));
  }

  private Optional<String> problemWith(JavaType type) {
    try {
      if (type.isMapLikeType()) {
        context.findKeyDeserializer(type.getKeyType(), null);
      }
      if ((type.isContainerType() || type.isReferenceType()) && type.getContentType() != null) {
        return problemWith(type.getContentType());
      }
      JsonDeserializer<Object> deserializer = context.findRootValueDeserializer(type);
      if (deserializer instanceof UnsupportedTypeDeserializer) {
        return Optional.of(
            "Jackson cannot read "
                + type.getRawClass().getName()
                + " without a module Celeriac does not register; use another type");
      }
      // A type-wrapped deserializer (polymorphic type info) is fine; a bare abstract or
      // creator-less bean deserializer fails on every input.
      if (deserializer instanceof AbstractDeserializer
          || (deserializer instanceof BeanDeserializerBase bean
              && !bean.getValueInstantiator().canInstantiate())) {
        return Optional.of(
            "Jackson cannot construct "
                + type.getRawClass().getName()
                + ": it needs a public no-arg constructor, a @JsonCreator, or type information");
      }
      return Optional.empty();
    } catch (JacksonException e) {
      return Optional.of(
          "Jackson cannot read " + type.toCanonical() + ": " + e.getOriginalMessage());
    } catch (RuntimeException e) {
      return Optional.of("Jackson cannot read " + type.toCanonical() + ": " + e.getMessage());
    }
  }

  private static Optional<TypeVariable<?>> typeVariableIn(Type type) {
    return switch (type) {
      case TypeVariable<?> variable -> Optional.of(variable);
      case ParameterizedType parameterized -> firstIn(parameterized.getActualTypeArguments());
      case GenericArrayType array -> typeVariableIn(array.getGenericComponentType());
      case WildcardType wildcard ->
          firstIn(wildcard.getUpperBounds()).or(() -> firstIn(wildcard.getLowerBounds()));
      default -> Optional.empty();
    };
  }

  private static Optional<TypeVariable<?>> firstIn(Type[] types) {
    for (Type type : types) {
      Optional<TypeVariable<?>> found = typeVariableIn(type);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }
}
