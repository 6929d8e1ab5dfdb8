"""A schema shaped like the ones Kaltura's OTT platform serves: the same XML format, another API.

No OTT server is reachable from here, so this is written from what the official client generator
(kaltura/clients-generator) reads out of OTT schemas and what the generated OTT clients show:
camel-case services (`ottUser`), string enums with lower-case values, `bigint`, `map` with an
`arrayType`, `valuesEnumType` on a parameter, `multiLingual` twins of string properties,
`isTime`, `nullable`, validation bounds, numeric error codes with parameters, and request configurations beyond the OVP ones (`userId`,
`currency`, `abortAllOnError`, `skipCondition`) with `alias` and `volatile`.
"""

OTT_SCHEMA = """<?xml version="1.0" encoding="utf-8"?>
<xml apiVersion="5.3.0.28000" generatedDate="1732000000">
  <enums>
    <enum name="KalturaAssetOrderBy" enumType="string">
      <const name="RELEVANCY_DESC" value="RELEVANCY_DESC"/>
      <const name="NAME_ASC" value="NAME_ASC"/></enum>
    <enum name="KalturaUserState" enumType="string">
      <const name="OK" value="ok"/><const name="USER_WITH_NO_HOUSEHOLD" value="user_with_no_household"/></enum>
    <enum name="KalturaAssetReferenceType" enumType="string">
      <const name="MEDIA" value="media"/><const name="EPG_INTERNAL" value="epg_internal"/></enum>
    <enum name="KalturaSkipOptions" enumType="string">
      <const name="NO" value="No"/><const name="PREVIOUS" value="Previous"/></enum>
  </enums>
  <classes>
    <class name="KalturaOTTObjectSupportNullable" abstract="1"/>
    <class name="KalturaStringValue" base="KalturaOTTObjectSupportNullable" description="A string holder">
      <property name="value" type="string" description="Value"/></class>
    <class name="KalturaTranslationToken">
      <property name="language" type="string"/><property name="value" type="string"/></class>
    <class name="KalturaBaseOTTUser" base="KalturaOTTObjectSupportNullable">
      <property name="id" type="string" readOnly="1"/>
      <property name="username" type="string" minLength="1" maxLength="256"/>
      <property name="firstName" type="string" nullable="1"/></class>
    <class name="KalturaOTTUser" base="KalturaBaseOTTUser">
      <property name="householdId" type="bigint" readOnly="1"/>
      <property name="userState" type="string" enumType="KalturaUserState" readOnly="1"/>
      <property name="dynamicData" type="map" arrayType="KalturaStringValue"/>
      <property name="createDate" type="bigint" isTime="1" readOnly="1"/>
      <property name="updateDate" type="bigint" isTime="1" readOnly="1"/></class>
    <class name="KalturaLoginResponse">
      <property name="user" type="KalturaOTTUser"/>
      <property name="loginSession" type="KalturaLoginSession"/></class>
    <class name="KalturaLoginSession">
      <property name="ks" type="string"/><property name="expiry" type="bigint" isTime="1"/></class>
    <class name="KalturaAsset" abstract="1">
      <property name="id" type="bigint" readOnly="1"/>
      <property name="name" type="string"/>
      <property name="multilingualName" type="array" arrayType="KalturaTranslationToken" multiLingual="1"/>
      <property name="metas" type="map" arrayType="KalturaStringValue"/></class>
    <class name="KalturaMediaAsset" base="KalturaAsset">
      <property name="externalIds" type="string"/></class>
    <class name="KalturaFilter" abstract="1">
      <property name="orderBy" type="string" enumType="KalturaAssetOrderBy"/></class>
    <class name="KalturaAssetFilter" base="KalturaFilter" abstract="1"/>
    <class name="KalturaSearchAssetFilter" base="KalturaAssetFilter">
      <property name="kSql" type="string" description="Search assets using dynamic criteria"/>
      <property name="typeIn" type="string"/></class>
    <class name="KalturaFilterPager">
      <property name="pageSize" type="int" minValue="1" maxValue="500"/>
      <property name="pageIndex" type="int"/></class>
    <class name="KalturaListResponse" abstract="1">
      <property name="totalCount" type="int" readOnly="1"/></class>
    <class name="KalturaAssetListResponse" base="KalturaListResponse">
      <property name="objects" type="array" arrayType="KalturaAsset"/></class>
    <class name="KalturaSkipCondition" abstract="1"/>
    <class name="KalturaPropertySkipCondition" base="KalturaSkipCondition">
      <property name="propertyPath" type="string"/></class>
    <class name="KalturaBaseResponseProfile" abstract="1"/>
    <class name="KalturaDetachedResponseProfile" base="KalturaBaseResponseProfile">
      <property name="name" type="string"/></class>
  </classes>
  <services>
    <service name="ottUser" id="ottuser">
      <action name="login" enableInMultiRequest="1" supportedRequestFormats="json"
              supportedResponseFormats="json,xml" description="Login with username and password">
        <param name="partnerId" type="int" description="Partner identifier" optional="0"/>
        <param name="username" type="string" optional="1" default=""/>
        <param name="password" type="string" optional="1" default=""/>
        <param name="extraParams" type="map" arrayType="KalturaStringValue" optional="1"/>
        <param name="udid" type="string" optional="1" default="null"/>
        <result type="KalturaLoginResponse"/>
        <throws name="UserDoesNotExist"/><throws name="WrongPasswordOrUserName"/></action>
      <action name="get" enableInMultiRequest="1">
        <result type="KalturaOTTUser"/></action>
      <action name="update" enableInMultiRequest="1">
        <param name="user" type="KalturaOTTUser" optional="0"/>
        <param name="id" type="string" optional="1" default="null"/>
        <result type="KalturaOTTUser"/></action>
    </service>
    <service name="asset" id="asset">
      <action name="list" enableInMultiRequest="1" description="Returns media or EPG assets">
        <param name="filter" type="KalturaAssetFilter" optional="1" default="null"/>
        <param name="pager" type="KalturaFilterPager" optional="1" default="null"/>
        <param name="referenceTypeIn" type="string" valuesEnumType="KalturaAssetReferenceType" optional="1"/>
        <result type="KalturaAssetListResponse"/></action>
      <action name="get" enableInMultiRequest="1">
        <param name="id" type="string" optional="0"/>
        <param name="assetReferenceType" type="string" optional="0"/>
        <result type="KalturaAsset"/><throws name="AssetDoesNotExist"/></action>
    </service>
  </services>
  <errors>
    <error name="UserDoesNotExist" code="2000" message="User doesn't exist"/>
    <error name="WrongPasswordOrUserName" code="1011" message="Wrong username or password"/>
    <error name="AssetDoesNotExist" code="4039" message="Asset @ID@ does not exist">
      <parameter name="ID"/></error>
  </errors>
  <configurations>
    <client type="KalturaClientConfiguration">
      <clientTag type="string"/><apiVersion type="string"/></client>
    <request type="KalturaRequestConfiguration">
      <partnerId type="int" description="Impersonated partner id"/>
      <userId type="int" description="Impersonated user id"/>
      <language type="string" description="Content language"/>
      <currency type="string" description="Currency to be used"/>
      <ks type="string" alias="sessionId" description="Kaltura API session"/>
      <responseProfile type="KalturaBaseResponseProfile" volatile="1" description="Response profile"/>
      <abortAllOnError type="bool" description="Abort all following requests if current request has an error"/>
      <skipCondition type="KalturaSkipCondition" volatile="1" description="Skip current request according to skip condition"/>
    </request>
  </configurations>
</xml>
"""
