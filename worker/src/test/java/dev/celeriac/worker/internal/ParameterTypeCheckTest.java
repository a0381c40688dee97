package dev.celeriac.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.celeriac.api.internal.JsonMappers;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ParameterTypeCheckTest {
  private final ParameterTypeCheck check = new ParameterTypeCheck(JsonMappers.standard());

  public static class WithoutCreator {
    public WithoutCreator(String name, int size) {}
  }

  public static class FromString {
    public FromString(String value) {}
  }

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
  @JsonSubTypes(@JsonSubTypes.Type(value = Circle.class, name = "circle"))
  public interface Shape {}

  public record Circle(double radius) implements Shape {}

  public record Point(int x, int y) {}

  private static Type typeOf(TypeReference<?> reference) {
    return reference.getType();
  }

  @Test
  void typesJacksonReadsOutOfTheBoxPass() {
    assertThat(check.problemWith(String.class)).isEmpty();
    assertThat(check.problemWith(int.class)).isEmpty();
    assertThat(check.problemWith(Instant.class)).isEmpty();
    assertThat(check.problemWith(JsonNode.class)).isEmpty();
    assertThat(check.problemWith(Object.class)).isEmpty();
    assertThat(check.problemWith(FromString.class)).isEmpty();
    assertThat(check.problemWith(typeOf(new TypeReference<Map<String, List<Point>>>() {})))
        .isEmpty();
  }

  @Test
  void abstractTypeWithTypeInformationPasses() {
    assertThat(check.problemWith(typeOf(new TypeReference<List<Shape>>() {}))).isEmpty();
  }

  @Test
  void classWithoutACreatorJacksonCanUseIsAProblem() {
    assertThat(check.problemWith(typeOf(new TypeReference<List<WithoutCreator>>() {})))
        .hasValueSatisfying(
            problem ->
                assertThat(problem).contains("cannot construct " + WithoutCreator.class.getName()));
  }

  @Test
  void optionalNeedsAModuleCeleriacDoesNotRegister() {
    assertThat(check.problemWith(typeOf(new TypeReference<Optional<String>>() {})))
        .hasValueSatisfying(problem -> assertThat(problem).contains("java.util.Optional"));
  }

  @Test
  void mapKeyJacksonCannotReadIsAProblem() {
    assertThat(check.problemWith(typeOf(new TypeReference<Map<WithoutCreator, String>>() {})))
        .hasValueSatisfying(problem -> assertThat(problem).contains("Key deserializer"));
  }
}
