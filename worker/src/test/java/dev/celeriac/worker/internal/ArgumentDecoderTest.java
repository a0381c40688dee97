package dev.celeriac.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.celeriac.api.internal.JsonMappers;
import dev.celeriac.worker.BadArgumentsException;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ArgumentDecoderTest {
  private static final JsonMapper MAPPER = JsonMappers.standard();

  record Item(String sku, int quantity) {}

  private static final Type ITEMS = new TypeReference<List<Item>>() {}.getType();
  private static final Type COUNTS = new TypeReference<Map<String, Long>>() {}.getType();

  private static ArrayNode json(String array) throws Exception {
    return (ArrayNode) MAPPER.readTree(array);
  }

  @Test
  void genericListOfRecordsIsDecodedToTheDeclaredElementType() throws Exception {
    var decoder = new ArgumentDecoder("orders.place", List.of(ITEMS, COUNTS), MAPPER);

    List<Object> values = decoder.decode(json("[[{\"sku\":\"a\",\"quantity\":2}], {\"x\": 7}]"));

    assertThat(values).containsExactly(List.of(new Item("a", 2)), Map.of("x", 7L));
  }

  @Test
  void jsonNullForAnObjectParameterIsNull() throws Exception {
    var decoder = new ArgumentDecoder("notes.write", List.of(String.class), MAPPER);

    assertThat(decoder.decode(json("[null]"))).isEqualTo(Arrays.asList((Object) null));
  }

  @Test
  void wrongArgumentCountNamesTheTaskAndTheExpectedTypes() throws Exception {
    var decoder = new ArgumentDecoder("orders.place", List.of(ITEMS, int.class), MAPPER);

    assertThatThrownBy(() -> decoder.decode(json("[[]]")))
        .isInstanceOfSatisfying(
            BadArgumentsException.class,
            e -> {
              assertThat(e.taskName()).isEqualTo("orders.place");
              assertThat(e.argumentIndex()).isEqualTo(OptionalInt.empty());
            })
        .hasMessageContaining("'orders.place' takes 2 argument(s)")
        .hasMessageContaining("java.util.List<" + Item.class.getName() + ">, int")
        .hasMessageContaining("carried 1");
  }

  @Test
  void argumentOfTheWrongTypeNamesTheTaskTheIndexAndTheType() throws Exception {
    var decoder = new ArgumentDecoder("orders.place", List.of(String.class, ITEMS), MAPPER);

    assertThatThrownBy(() -> decoder.decode(json("[\"ok\", [{\"sku\": \"a\", \"quantity\": []}]]")))
        .isInstanceOfSatisfying(
            BadArgumentsException.class, e -> assertThat(e.argumentIndex()).hasValue(1))
        .hasMessageContaining("argument 1 of task 'orders.place'")
        .hasMessageContaining("must be java.util.List<" + Item.class.getName() + ">");
  }

  @Test
  void nullForAPrimitiveIsABadArgument() throws Exception {
    var decoder = new ArgumentDecoder("math.add", List.of(int.class, int.class), MAPPER);

    assertThatThrownBy(() -> decoder.decode(json("[1, null]")))
        .isInstanceOf(BadArgumentsException.class)
        .hasMessageContaining("argument 1 of task 'math.add' must be int");
  }

  @Test
  void fractionForAnIntegerIsABadArgument() throws Exception {
    var decoder = new ArgumentDecoder("math.add", List.of(int.class), MAPPER);

    assertThatThrownBy(() -> decoder.decode(json("[1.5]")))
        .isInstanceOf(BadArgumentsException.class)
        .hasMessageContaining("argument 0 of task 'math.add' must be int");
  }
}
