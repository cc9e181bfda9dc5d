import $ from 'jquery';
