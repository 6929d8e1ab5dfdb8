"""The PHP, Java and JavaScript samples, on their text: each form of `sample_forms` written as a
developer writes it with that language's official client (the JavaScript ones also run, in
tests/e2e/test_javascript_sample_runs.py). PHP samples must also pass `php -l` where PHP is
installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from app.forms.form_calls import SubRequest, read_call, read_multirequest
from app.protocol.schema import Schema
from app.protocol.schema_loader import load_schema
from app.reference.samples import SampleContext, render
from tests.core.sample_forms import CASES, KS, SECRET, call_of

SERVICE_URL = "https://kaltura.example.com"


@pytest.fixture(scope="module")
def schema(real_schema_path: Path) -> Schema:
    return load_schema(real_schema_path)


def sample(schema: Schema, language: str, case: str, include_secrets: bool = False) -> str:
    context = SampleContext(schema, SERVICE_URL, include_secrets)
    return render(language, call_of(schema, case), context)


# (language, case, a snippet the sample holds: whole lines, in this order)
SNIPPETS = [
    # PHP
    ("php", "a filter and a pager", "$config->setServiceUrl('https://kaltura.example.com');"),
    ("php", "a filter and a pager", "$client->setKs($ks);"),
    (
        "php",
        "a filter and a pager",
        "$filter = new MediaEntryFilter();\n"
        "$filter->orderBy = '-createdAt';\n"
        "$filter->nameLike = 'it\\'s a \"holiday\" \\\\o/';\n"
        "$filter->statusIn = '2,7';\n"
        "$filter->mediaTypeEqual = MediaType::VIDEO;\n"
        "$pager = new FilterPager();\n"
        "$pager->pageSize = 25;\n"
        "$pager->pageIndex = 2;\n"
        "$result = $client->getMediaService()->listAction($filter, $pager);",
    ),
    (
        "php",
        "scalars",
        "$result = $client->getSessionService()->start($secret, 'ana', SessionType::ADMIN, 99);",
    ),
    (
        "php",
        "a nested object of a subtype",
        "$advancedSearch = new SearchOperator();\n"
        "$advancedSearch->type = SearchOperatorType::SEARCH_OR;\n"
        "$searchCondition = new SearchCondition();",
    ),
    ("php", "a nested object of a subtype", "$filter->advancedSearch = $advancedSearch;"),
    (
        "php",
        "an array of objects",
        "$result = $client->getReportService()->execute(7, array($keyValue, $keyValue2));",
    ),
    (
        "php",
        "a file upload",
        "$result = $client->getUploadTokenService()->upload('0_tok', 'clip.mp4');",
    ),
    (
        "php",
        "null and empty",
        "$mediaEntry->description = NullValue::getInstance();\n"
        "$mediaEntry->operationAttributes = array();",
    ),
    (
        "php",
        "a plugin service",
        "$elasticSearchPlugin = ElasticSearchPlugin::get($client);\n"
        "$result = $elasticSearchPlugin->getESearchService()->searchEntry($searchParams);",
    ),
    (
        "php",
        "a multirequest with a reference",
        "$client->startMultiRequest();\n"
        "$result1 = $client->getSessionService()->start($secret, null, SessionType::ADMIN, 99);\n"
        "$client->setKs($result1);\n"
        "$result2 = $client->getMediaService()->get('0_abc');\n"
        "$client->setKs($ks);\n"
        "$mediaEntry = new MediaEntry();\n"
        "$mediaEntry->name = $result2->name;\n"
        "$client->getMediaService()->update($result2->id, $mediaEntry);\n"
        "$results = $client->doMultiRequest();",
    ),
    (
        "php",
        "a plugin service",
        "<?php\n"
        "require_once __DIR__ . '/vendor/autoload.php';\n"
        "\n"
        "use Kaltura\\Client\\Client;\n"
        "use Kaltura\\Client\\Configuration;\n"
        "use Kaltura\\Client\\Plugin\\ElasticSearch\\ElasticSearchPlugin;\n"
        "use Kaltura\\Client\\Plugin\\ElasticSearch\\Type\\ESearchEntryItem;",
    ),
    # Java
    ("java", "a filter and a pager", 'configuration.setEndpoint("https://kaltura.example.com");'),
    ("java", "a filter and a pager", "client.setKs(ks);"),
    (
        "java",
        "a filter and a pager",
        "MediaEntryFilter filter = new MediaEntryFilter();\n"
        'filter.setOrderBy("-createdAt");\n'
        'filter.setNameLike("it\'s a \\"holiday\\" \\\\o/");\n'
        'filter.setStatusIn("2,7");\n'
        "filter.setMediaTypeEqual(MediaType.VIDEO);\n"
        "FilterPager pager = new FilterPager();\n"
        "pager.setPageSize(25);\n"
        "pager.setPageIndex(2);\n"
        "var request = MediaService.list(filter, pager);\n"
        "Response<?> response = APIOkRequestsExecutor.getExecutor().execute(request.build(client));\n"
        "System.out.println(response.isSuccess() ? response.results : response.error);",
    ),
    (
        "java",
        "scalars",
        'var request = SessionService.start(secret, "ana", SessionType.ADMIN, 99);',
    ),
    (
        "java",
        "a nested object of a subtype",
        "SearchOperator advancedSearch = new SearchOperator();\n"
        "advancedSearch.setType(SearchOperatorType.SEARCH_OR);",
    ),
    (
        "java",
        "a nested object of a subtype",
        "advancedSearch.setItems(Arrays.asList(searchCondition));\n"
        "filter.setAdvancedSearch(advancedSearch);\n"
        "var request = BaseEntryService.list(filter);",
    ),
    ("java", "an array of objects", "import java.util.Arrays;"),
    (
        "java",
        "an array of objects",
        "var request = ReportService.execute(7L, Arrays.asList(keyValue, keyValue2));",
    ),
    ("java", "a file upload", "import java.io.File;"),
    (
        "java",
        "a file upload",
        'var request = UploadTokenService.upload("0_tok", new File("clip.mp4"));',
    ),
    (
        "java",
        "null and empty",
        "mediaEntry.setDescription(ParamsValueDefaults.KALTURA_NULL_STRING);\n"
        "mediaEntry.setOperationAttributes(new ArrayList<>());",
    ),
    ("java", "a plugin service", "var request = ESearchService.searchEntry(searchParams);"),
    ("java", "a plugin service", 'eSearchEntryItem.searchTerm("cat");'),
    (
        "java",
        "a multirequest with a reference",
        "MultiRequestBuilder multiRequest = new MultiRequestBuilder();\n"
        "var request1 = SessionService.start(secret, null, SessionType.ADMIN, 99);\n"
        "multiRequest.add(request1);\n"
        'var request2 = MediaService.get("0_abc");\n'
        "request2.setKs(request1.getTokenizer());\n"
        "multiRequest.add(request2);\n"
        "MediaEntry mediaEntry = new MediaEntry();\n"
        "mediaEntry.name(request2.getTokenizer().name());\n"
        "var request3 = MediaService.update(request2.getTokenizer().id(), mediaEntry);\n"
        "multiRequest.add(request3);\n"
        "Response<?> response = "
        "APIOkRequestsExecutor.getExecutor().execute(multiRequest.build(client));",
    ),
    # JavaScript
    ("javascript", "a filter and a pager", "const kaltura = require('kaltura-client');"),
    (
        "javascript",
        "a filter and a pager",
        "configuration.serviceUrl = 'https://kaltura.example.com';",
    ),
    ("javascript", "a filter and a pager", "client.setKs(ks);"),
    (
        "javascript",
        "a filter and a pager",
        "const request = kaltura.services.media.listAction(\n"
        "  new kaltura.objects.MediaEntryFilter({\n"
        "    orderBy: '-createdAt',\n"
        "    nameLike: 'it\\'s a \"holiday\" \\\\o/',\n"
        "    statusIn: '2,7',\n"
        "    mediaTypeEqual: kaltura.enums.MediaType.VIDEO,\n"
        "  }),\n"
        "  new kaltura.objects.FilterPager({\n"
        "    pageSize: 25,\n"
        "    pageIndex: 2,\n"
        "  })\n"
        ");",
    ),
    (
        "javascript",
        "scalars",
        "const request = kaltura.services.session.start(secret, 'ana', "
        "kaltura.enums.SessionType.ADMIN, 99);",
    ),
    (
        "javascript",
        "a file upload",
        "const request = kaltura.services.uploadToken.upload('0_tok', 'clip.mp4');",
    ),
    (
        "javascript",
        "null and empty",
        "    description__null: '',\n    operationAttributes: { '-': '' },",
    ),
    ("javascript", "a plugin service", "const request = kaltura.services.eSearch.searchEntry("),
    (
        "javascript",
        "a multirequest with a reference",
        "const multiRequest = client.startMultiRequest();\n"
        "multiRequest.add(kaltura.services.session.start(secret, null, "
        "kaltura.enums.SessionType.ADMIN, 99));\n"
        "multiRequest.add(kaltura.services.media.get('0_abc').setKs('{1:result}'));\n"
        "multiRequest.add(kaltura.services.media.update(\n"
        "  '{2:result:id}',\n"
        "  new kaltura.objects.MediaEntry({\n"
        "    name: '{2:result:name}',\n"
        "  })\n"
        "));",
    ),
]


def _lines(text: str) -> str:
    """Lines stripped of their indentation, so a snippet matches wherever it is nested."""
    return "\n".join(line.strip() for line in text.splitlines())


@pytest.mark.parametrize(
    ("language", "case", "snippet"),
    SNIPPETS,
    ids=[f"{language}-{case}-{at}" for at, (language, case, _) in enumerate(SNIPPETS)],
)
def test_sample_writes_the_call_as_the_official_client_does(
    schema: Schema, language: str, case: str, snippet: str
) -> None:
    text = sample(schema, language, case)
    wanted = snippet if language == "javascript" else _lines(snippet)
    got = text if language == "javascript" else _lines(text)
    assert f"\n{wanted}\n" in f"\n{got}\n", text


@pytest.mark.parametrize("language", ["php", "java", "javascript", "ruby"])
@pytest.mark.parametrize("case", CASES)
def test_secrets_come_from_the_environment_unless_included(
    schema: Schema, language: str, case: str
) -> None:
    assert KS not in sample(schema, language, case)
    assert SECRET not in sample(schema, language, case)
    with_secrets = sample(schema, language, case, include_secrets=True)
    assert KS in with_secrets
    assert "KALTURA_KS" not in with_secrets


@pytest.mark.parametrize("case", CASES)
def test_php_samples_parse(schema: Schema, case: str, tmp_path: Path) -> None:
    php = shutil.which("php")
    if php is None:
        pytest.skip("php is not installed here (apt-get install php-cli); the text is checked")
    (tmp_path / "sample.php").write_text(sample(schema, "php", case))
    done = subprocess.run([php, "-l", "sample.php"], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


# A reference into a list result, as each client spells it.
REFERENCES_INTO_A_LIST = [
    ("php", "$client->getMediaService()->get($result1->objects[0]->id);"),
    ("ruby", "client.media_service.get('{1:result:objects:0:id}')"),
    ("java", "var request2 = MediaService.get(request1.getTokenizer().objects().get(0).id());"),
    ("javascript", "multiRequest.add(kaltura.services.media.get('{1:result:objects:0:id}'));"),
]


@pytest.mark.parametrize(("language", "line"), REFERENCES_INTO_A_LIST)
def test_a_reference_into_a_list_result_is_spelled_as_the_client_spells_it(
    schema: Schema, language: str, line: str
) -> None:
    requests = (
        SubRequest("media", "list", (), number=1),
        SubRequest("media", "get", (("entryId", "{1:result:objects:0:id}"),), number=2),
    )
    call = read_multirequest(schema, requests).call
    text = render(language, call, SampleContext(schema, SERVICE_URL))
    assert line in _lines(text).splitlines(), text


# An explicit null for a parameter of the action itself (not a property).
PARAMETER_NULLS = [
    ("php", "NullValue::getInstance()"),
    ("ruby", "nil"),
    ("java", "ParamsValueDefaults.KALTURA_NULL_STRING"),
    ("javascript", "null /* explicit null: kaltura-client leaves it out */"),
]


@pytest.mark.parametrize(("language", "spelling"), PARAMETER_NULLS)
def test_a_parameter_set_to_null_is_spelled_as_the_client_allows(
    schema: Schema, language: str, spelling: str
) -> None:
    fields = [("secret", "x"), ("type", "0"), ("privileges__null", "1")]
    call = read_call(schema, "session", "start", fields).call
    text = render(language, call, SampleContext(schema, SERVICE_URL))
    assert f", {spelling})" in text, text


# Where the Java client's types are not the schema's: times are Long, KalturaNullableBoolean is
# Boolean (both read from the client's source, and compiled against it).
JAVA_TYPES = [
    (
        "media",
        "add",
        [("entry:objectType", "KalturaMediaEntry"), ("entry:startDate", "1700000000")],
        "entry.setStartDate(1700000000L);",
    ),
    (
        "category",
        "delete",
        [("id", "5"), ("moveEntriesToParentCategory", "0")],
        "var request = CategoryService.delete(5L, false);",
    ),
]


@pytest.mark.parametrize(("service", "action", "fields", "line"), JAVA_TYPES)
def test_java_sample_uses_the_java_clients_types(
    schema: Schema, service: str, action: str, fields: list[tuple[str, str]], line: str
) -> None:
    call = read_call(schema, service, action, fields).call
    text = render("java", call, SampleContext(schema, SERVICE_URL))
    assert line in _lines(text).splitlines(), text


@pytest.mark.parametrize("language", ["php", "java", "javascript", "ruby"])
def test_a_name_the_action_does_not_declare_is_said_to_be_left_out(
    schema: Schema, language: str
) -> None:
    """The clients' methods take only the declared parameters: the sample says what it drops."""
    call = read_call(schema, "media", "get", [("entryId", "0_x"), ("foo", "bar")]).call
    text = render(language, call, SampleContext(schema, SERVICE_URL))
    assert "foo: not a parameter of media.get, not sent" in text
    assert "bar" not in text


def test_php_sample_sends_no_null_object_parameter(schema: Schema) -> None:
    """`NullValue` is for scalars: a method reads an object parameter's properties."""
    call = read_call(schema, "media", "list", [("filter__null", "1")]).call
    text = render("php", call, SampleContext(schema, SERVICE_URL))
    assert (
        "$client->getMediaService()->listAction(null /* explicit null: the client cannot send"
        in text
    )


def test_java_sample_sets_an_out_of_range_float_as_text(schema: Schema) -> None:
    """`setFrameRate` takes a Double; the token method takes what the form says as text."""
    fields = [
        ("flavorParams:objectType", "KalturaFlavorParams"),
        ("flavorParams:frameRate", "1e999"),
    ]
    call = read_call(schema, "flavorparams", "add", fields).call
    text = render("java", call, SampleContext(schema, SERVICE_URL))
    assert 'flavorParams.frameRate("1e999");' in _lines(text).splitlines(), text


def test_java_sample_sets_an_int_beyond_javas_int_as_text(schema: Schema) -> None:
    fields = [
        ("flavorParams:objectType", "KalturaFlavorParams"),
        ("flavorParams:width", "2147483648"),
    ]
    call = read_call(schema, "flavorparams", "add", fields).call
    text = render("java", call, SampleContext(schema, SERVICE_URL))
    assert 'flavorParams.width("2147483648");' in _lines(text).splitlines(), text
