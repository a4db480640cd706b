"""Interop check with Confluent's Python client (confluent-kafka 1.7, confluent_kafka.avro).

  purchase_interop.py produce BOOTSTRAP REGISTRY_URL TOPIC SCHEMA_FILE
      writes one Purchase (orderId py-1, customerId c-py, amount 123.45 EUR, channel app)
  purchase_interop.py consume BOOTSTRAP REGISTRY_URL TOPIC
      reads one record from the start of TOPIC with AvroConsumer and prints its value's fields as JSON on one line
  purchase_interop.py produce-keyed BOOTSTRAP REGISTRY_URL TOPIC SCHEMA_FILE CUSTOMER_ID AMOUNT
      writes one USD Purchase with AvroProducer, key = CUSTOMER_ID as an Avro string (key_schema "string")
  purchase_interop.py consume-keyed BOOTSTRAP REGISTRY_URL TOPIC
      reads one record with AvroConsumer (Avro key and value) and prints {"key": .., "value": {..}}
  purchase_interop.py consume-values BOOTSTRAP REGISTRY_URL TOPIC CUSTOMER_ID
      reads clv.customer-values the way DESIGN.md keys it (plain UTF-8 key, Avro value decoded by
      confluent-kafka's MessageSerializer) until CUSTOMER_ID appears; prints its key, orders and netRevenue

Exit code 0 on success; any failure raises (non-zero exit, traceback on stderr).
"""
import datetime
import decimal
import json
import sys

from confluent_kafka import Consumer, avro
from confluent_kafka.avro import AvroConsumer, AvroProducer, CachedSchemaRegistryClient
from confluent_kafka.avro.serializer.message_serializer import MessageSerializer


def produce(bootstrap, registry, topic, schema_file):
    producer = AvroProducer(
        {"bootstrap.servers": bootstrap, "schema.registry.url": registry},
        default_value_schema=avro.load(schema_file))
    producer.produce(topic=topic, key=None, value={
        "orderId": "py-1",
        "customerId": "c-py",
        "occurredAt": datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc),
        "amount": decimal.Decimal("123.45"),
        "currency": "EUR",
        "grossMargin": None,
        "channel": "app",
    })
    if producer.flush(30) != 0:
        raise RuntimeError("record not delivered within 30 s")


def jsonable(value):
    return {k: (str(v) if isinstance(v, (decimal.Decimal, datetime.datetime)) else v) for k, v in value.items()}


def produce_keyed(bootstrap, registry, topic, schema_file, customer_id, amount):
    producer = AvroProducer(
        {"bootstrap.servers": bootstrap, "schema.registry.url": registry},
        default_key_schema=avro.loads('"string"'), default_value_schema=avro.load(schema_file))
    producer.produce(topic=topic, key=customer_id, value={
        "orderId": "py-" + customer_id,
        "customerId": customer_id,
        "occurredAt": datetime.datetime.now(datetime.timezone.utc),
        "amount": decimal.Decimal(amount),
        "currency": "USD",
        "grossMargin": None,
        "channel": "python",
    })
    if producer.flush(30) != 0:
        raise RuntimeError("record not delivered within 30 s")


def first_message(consumer, topic, seconds, wanted=lambda message: True):
    """Polls TOPIC from the start until a message satisfies WANTED; closes the consumer."""
    consumer.subscribe([topic])
    try:
        for _ in range(seconds):
            message = consumer.poll(1.0)
            if message is None:
                continue
            if message.error():
                raise RuntimeError(str(message.error()))
            if wanted(message):
                return message
        raise RuntimeError("no matching record on " + topic + " within " + str(seconds) + " s")
    finally:
        consumer.close()


def avro_consumer(bootstrap, registry, group):
    return AvroConsumer({
        "bootstrap.servers": bootstrap,
        "schema.registry.url": registry,
        "group.id": group,
        "auto.offset.reset": "earliest",
    })


def consume_keyed(bootstrap, registry, topic):
    message = first_message(avro_consumer(bootstrap, registry, "python-interop-keyed"), topic, 60)
    print(json.dumps({"key": message.key(), "value": jsonable(message.value())}, sort_keys=True))


def consume_values(bootstrap, registry, topic, customer_id):
    serializer = MessageSerializer(CachedSchemaRegistryClient({"url": registry}))
    consumer = Consumer({
        "bootstrap.servers": bootstrap,
        "group.id": "python-interop-values",
        "auto.offset.reset": "earliest",
        "isolation.level": "read_committed",
    })
    message = first_message(consumer, topic, 120, lambda m: m.key().decode("utf-8") == customer_id)
    value = serializer.decode_message(message.value())
    print(json.dumps({"key": customer_id, "orders": value["orders"], "netRevenue": str(value["netRevenue"])},
                     sort_keys=True))


def consume(bootstrap, registry, topic):
    message = first_message(avro_consumer(bootstrap, registry, "python-interop"), topic, 60)
    print(json.dumps(jsonable(message.value()), sort_keys=True))


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "produce":
        produce(*sys.argv[2:6])
    elif mode == "consume":
        consume(*sys.argv[2:5])
    elif mode == "produce-keyed":
        produce_keyed(*sys.argv[2:8])
    elif mode == "consume-keyed":
        consume_keyed(*sys.argv[2:5])
    elif mode == "consume-values":
        consume_values(*sys.argv[2:6])
    else:
        raise SystemExit("usage: purchase_interop.py produce|consume|produce-keyed|consume-keyed|consume-values ...")
