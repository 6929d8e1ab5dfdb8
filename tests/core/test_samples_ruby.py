"""The Ruby sample, on its text: each form of `sample_forms` written as a developer writes it
with the `kaltura-client` gem (names checked against KalturaGeneratedAPIClientsRuby and its
generator), and valid Ruby by `ruby -c` where Ruby is installed."""

from __future__ import annotations

import shutil
import subprocess
from itertools import islice
from pathlib import Path

import pytest

from app.forms.form_calls import read_call
from app.protocol.schema import Schema
from app.protocol.schema_loader import load_schema
from app.reference.samples import SampleContext, render
from app.reference.samples.ruby import snake
from tests.core.sample_forms import CASES, KS, SECRET, call_of
from tests.core.test_samples import every_call

SERVICE_URL = "https://kaltura.example.com"


@pytest.fixture(scope="module")
def schema(real_schema_path: Path) -> Schema:
    return load_schema(real_schema_path)


def sample(schema: Schema, case: str, include_secrets: bool = False) -> str:
    return render(
        "ruby", call_of(schema, case), SampleContext(schema, SERVICE_URL, include_secrets)
    )


# (case, whole lines the sample holds, in this order)
SNIPPETS = [
    ("a filter and a pager", "require 'kaltura'\n\ninclude Kaltura"),
    (
        "a filter and a pager",
        "ks = ENV.fetch('KALTURA_KS') { abort('Set KALTURA_KS to a Kaltura session (KS); "
        "session.start returns one.') }",
    ),
    (
        "a filter and a pager",
        "config = KalturaConfiguration.new\n"
        "config.service_url = 'https://kaltura.example.com'\n"
        "client = KalturaClient.new(config)\n"
        "client.ks = ks",
    ),
    (
        "a filter and a pager",
        "filter = KalturaMediaEntryFilter.new\n"
        "filter.order_by = '-createdAt'\n"
        "filter.name_like = 'it\\'s a \"holiday\" \\\\o/'\n"
        "filter.status_in = '2,7'\n"
        "filter.media_type_equal = KalturaMediaType::VIDEO\n"
        "pager = KalturaFilterPager.new\n"
        "pager.page_size = 25\n"
        "pager.page_index = 2\n"
        "result = client.media_service.list(filter, pager)\n"
        'Array(result.objects).each { |item| puts "#{item.id} #{item.name}" }\n'
        'puts "#{result.total_count} in all"',
    ),
    (
        "scalars",
        "result = client.session_service.start(secret, 'ana', KalturaSessionType::ADMIN, 99)\n"
        "puts result",
    ),
    (
        "a nested object of a subtype",
        "advanced_search = KalturaSearchOperator.new\n"
        "advanced_search.type = KalturaSearchOperatorType::SEARCH_OR",
    ),
    (
        "an array of objects",
        "result = client.report_service.execute(7, [key_value, key_value2])",
    ),
    (
        "a file upload",
        "result = client.upload_token_service.upload('0_tok', File.open('clip.mp4'))",
    ),
    ("null and empty", "media_entry.description = nil\nmedia_entry.operation_attributes = []"),
    ("a plugin service", "result = client.e_search_service.search_entry(search_params)"),
    (
        "a multirequest with a reference",
        "client.start_multirequest\n"
        "client.session_service.start(secret, KalturaNotImplemented, KalturaSessionType::ADMIN, 99)\n"
        "client.ks = '{1:result}'\n"
        "client.media_service.get('0_abc')\n"
        "client.ks = ks\n"
        "media_entry = KalturaMediaEntry.new\n"
        "media_entry.name = '{2:result:name}'\n"
        "client.media_service.update('{2:result:id}', media_entry)\n"
        "results = client.do_multirequest\n"
        "results.each_value { |result| raise result if result.is_a?(KalturaAPIError) }",
    ),
]


@pytest.mark.parametrize(("case", "snippet"), SNIPPETS, ids=[c for c, _ in SNIPPETS])
def test_ruby_sample_writes_the_call_as_the_gem_does(
    schema: Schema, case: str, snippet: str
) -> None:
    assert f"\n{snippet}\n" in f"\n{sample(schema, case)}\n"


@pytest.mark.parametrize(
    ("name", "ruby"),
    [
        ("nameLike", "name_like"),
        ("mediaTypeEqual", "media_type_equal"),
        ("widgetHTML", "widget_ht_ml"),
        ("maxGOP", "max_gop"),
        ("conversionProfile2Id", "conversion_profile2id"),
        ("filesPermissionInS3", "files_permission_in_s3"),
        ("eSearchService", "e_search_service"),
        ("uploadTokenService", "upload_token_service"),
    ],
)
def test_names_are_snake_cased_as_the_gems_generator_does(name: str, ruby: str) -> None:
    assert snake(name) == ruby


@pytest.mark.parametrize("case", CASES)
def test_ruby_secrets_come_from_the_environment_unless_included(schema: Schema, case: str) -> None:
    text = sample(schema, case)
    assert KS not in text and SECRET not in text
    assert KS in sample(schema, case, include_secrets=True)


def test_a_reference_into_a_converting_property_is_set_as_is(schema: Schema) -> None:
    """The gem's int setters call `to_i`, which would make `{1:result:id}` or nil a 0."""
    fields = [
        ("filter:objectType", "KalturaMediaEntryFilter"),
        ("filter:mediaTypeEqual__null", "1"),
        ("pager:objectType", "KalturaFilterPager"),
        ("pager:pageSize", "{1:result:totalCount}"),
    ]
    text = render(
        "ruby", read_call(schema, "media", "list", fields).call, SampleContext(schema, SERVICE_URL)
    )
    assert "filter.instance_variable_set(:@media_type_equal, nil)" in text
    assert "pager.instance_variable_set(:@page_size, '{1:result:totalCount}')" in text


RUBY = shutil.which("ruby")


@pytest.mark.skipif(RUBY is None, reason="ruby is not installed here; the text is checked")
def test_ruby_samples_are_valid_ruby(schema: Schema, tmp_path: Path) -> None:
    """`ruby -c` over the forms' samples and a sixth of every action and batch of 22.15.0."""
    context = SampleContext(schema, SERVICE_URL)
    texts = [sample(schema, case) for case in CASES]
    texts += [render("ruby", call, context) for call in islice(every_call(schema), 0, None, 6)]
    # One file: `ruby -c a.rb b.rb` checks a.rb only (b.rb is its argument).
    (tmp_path / "samples.rb").write_text("\n".join(texts))
    done = subprocess.run(
        [RUBY, "-c", "samples.rb"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Syntax OK" in done.stdout
