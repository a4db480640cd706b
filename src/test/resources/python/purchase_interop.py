"""Interop check with Confluent's Python client (confluent-kafka 1.7, confluent_kafka.avro).

  purchase_interop.py produce BOOTSTRAP REGISTRY_URL TOPIC SCHEMA_FILE
      writes one Purchase (orderId py-1, customerId c-py, amount 123.45 EUR, channel app)
  purchase_interop.py consume BOOTSTRAP REGISTRY_URL TOPIC
      reads one record from the start of TOPIC and prints its fields as JSON on one line

Exit code 0 on success; any failure raises (non-zero exit, traceback on stderr).
"""
import datetime
import decimal
import json
import sys

from confluent_kafka import avro
from confluent_kafka.avro import AvroConsumer, AvroProducer


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


def consume(bootstrap, registry, topic):
    consumer = AvroConsumer({
        "bootstrap.servers": bootstrap,
        "schema.registry.url": registry,
        "group.id": "python-interop",
        "auto.offset.reset": "earliest",
    })
    consumer.subscribe([topic])
    try:
        for _ in range(60):
            message = consumer.poll(1.0)
            if message is None:
                continue
            if message.error():
                raise RuntimeError(str(message.error()))
            value = message.value()
            print(json.dumps({k: (str(v) if isinstance(v, (decimal.Decimal, datetime.datetime)) else v)
                              for k, v in value.items()}, sort_keys=True))
            return
        raise RuntimeError("no record on " + topic + " within 60 s")
    finally:
        consumer.close()


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "produce":
        produce(*sys.argv[2:6])
    elif mode == "consume":
        consume(*sys.argv[2:5])
    else:
        raise SystemExit("usage: purchase_interop.py produce|consume ...")
